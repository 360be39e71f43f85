package io.techex.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Keeps infra/deploy honest against the build it deploys: every service module of the root pom has a compose
 * service and a Kubernetes Deployment, Service and PodDisruptionBudget whose ports and probes match the service's
 * own {@code server.port}, and the Dockerfile copies the jar the service poms actually attach. Reads the real files;
 * needs neither Docker nor a cluster.
 */
class DeploymentManifestsTest {

    static final Path ROOT = repositoryRoot();
    static final Path DEPLOY = ROOT.resolve("infra/deploy");
    static final Path K8S = DEPLOY.resolve("k8s");

    static final String READINESS = "/actuator/health/readiness";
    static final String LIVENESS = "/actuator/health/liveness";
    /** What every service needs from its environment to reach PostgreSQL, Kafka and Redis. */
    static final List<String> INFRASTRUCTURE_ENV = List.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
            "SPRING_DATASOURCE_PASSWORD", "SPRING_KAFKA_BOOTSTRAP_SERVERS", "TECHEX_REDIS_HOST", "TECHEX_REDIS_PORT");

    // ---------------------------------------------------------------- the service modules

    static Stream<String> services() {
        return serviceModules().stream();
    }

    @Test
    void theRootPomHasServiceModules() {
        assertThat(serviceModules()).as("<module>s of %s ending in -service", ROOT.resolve("pom.xml")).isNotEmpty();
    }

    // ---------------------------------------------------------------- image

    @ParameterizedTest
    @MethodSource("services")
    void theDockerfileCopiesTheRunnableJarTheServicePomAttaches(String service) {
        String dockerfile = read(DEPLOY.resolve("Dockerfile"));
        Matcher copy = Pattern.compile("(?m)^COPY\\s+(?:--\\S+\\s+)*\\$\\{SERVICE}/target/\\$\\{SERVICE}-\\$\\{VERSION}-"
                + "(?<classifier>[\\w.-]+)\\.jar\\s").matcher(dockerfile);
        assertThat(copy.find()).as("Dockerfile COPYs ${SERVICE}/target/${SERVICE}-${VERSION}-<classifier>.jar").isTrue();
        Matcher version = Pattern.compile("(?m)^ARG\\s+VERSION=(\\S+)\\s*$").matcher(dockerfile);
        assertThat(version.find()).as("Dockerfile declares ARG VERSION=<default>").isTrue();

        Element project = xml(ROOT.resolve(service).resolve("pom.xml")).getDocumentElement();
        assertThat(text(child(project, "artifactId"))).as("artifactId of module %s, the jar's name", service)
                .isEqualTo(service);
        assertThat(version.group(1)).as("Dockerfile's default VERSION is the project version")
                .isEqualTo(projectVersion());
        Element build = child(project, "build");
        assertThat(build).as("<build> of %s/pom.xml", service).isNotNull();
        assertThat(child(build, "finalName")).as("%s keeps the default jar name", service).isNull();

        Element bootPlugin = children(child(build, "plugins"), "plugin").stream()
                .filter(p -> "spring-boot-maven-plugin".equals(text(child(p, "artifactId"))))
                .findFirst().orElse(null);
        assertThat(bootPlugin).as("spring-boot-maven-plugin in %s/pom.xml", service).isNotNull();
        Element repackage = children(child(bootPlugin, "executions"), "execution").stream()
                .filter(e -> "repackage".equals(text(child(e, "id"))))
                .findFirst().orElse(null);
        assertThat(repackage).as("the repackage execution of %s", service).isNotNull();
        assertThat(text(child(child(repackage, "configuration"), "classifier")))
                .as("%s attaches the runnable jar with the classifier the Dockerfile copies", service)
                .isEqualTo(copy.group("classifier"));

        String mainClass = text(child(child(bootPlugin, "configuration"), "mainClass"));
        assertThat(mainClass).as("mainClass of %s", service).isNotBlank();
        assertThat(ROOT.resolve(service).resolve("src/main/java").resolve(mainClass.replace('.', '/') + ".java"))
                .as("source of %s's main class", service).isRegularFile();
    }

    @Test
    void theImageRunsAJava21RuntimeAsANonRootUser() {
        String dockerfile = read(DEPLOY.resolve("Dockerfile"));
        assertThat(dockerfile).containsPattern("(?m)^FROM\\s+eclipse-temurin:21-jre\\s*$");
        Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)\\s*$").matcher(dockerfile);
        String last = null;
        while (user.find()) {
            last = user.group(1);
        }
        assertThat(last).as("the Dockerfile's last USER").isNotNull().doesNotMatch("(root|0)(:.*)?");
        assertThat(dockerfile).contains("-XX:MaxRAMPercentage=");
    }

    // ---------------------------------------------------------------- compose

    @ParameterizedTest
    @MethodSource("services")
    void composeBuildsAndRunsTheServiceOnItsPort(String service) {
        Map<String, Object> compose = compose();
        Map<String, Object> services = map(compose.get("services"), "compose services");
        Map<String, Object> entry = map(services.get(service), "compose service " + service);
        int port = serverPort(service);

        Map<String, Object> build = map(entry.get("build"), service + ".build");
        assertThat(map(build.get("args"), service + ".build.args")).containsEntry("SERVICE", service);
        Path context = DEPLOY.resolve(String.valueOf(build.get("context"))).normalize();
        assertThat(context.resolve(String.valueOf(build.get("dockerfile"))).normalize())
                .as("%s is built from infra/deploy/Dockerfile", service).isEqualTo(DEPLOY.resolve("Dockerfile"));
        assertThat(context).as("%s's build context holds its module", service).isEqualTo(ROOT);

        List<Integer> containerPorts = list(entry.get("ports"), service + ".ports").stream()
                .map(p -> p instanceof Map<?, ?> m ? Integer.parseInt(String.valueOf(m.get("target")))
                        : Integer.parseInt(String.valueOf(p).replaceFirst("/\\w+$", "").replaceFirst(".*:", "")))
                .toList();
        assertThat(containerPorts).as("%s publishes server.port %d", service, port).contains(port);

        String healthcheck = String.valueOf(map(entry.get("healthcheck"), service + ".healthcheck").get("test"));
        assertThat(healthcheck).as("%s's healthcheck", service).contains(":" + port + READINESS);

        assertThat(environment(entry.get("environment"))).as("%s's environment", service)
                .containsKeys(INFRASTRUCTURE_ENV.toArray(String[]::new));

        Map<String, Object> dependsOn = map(entry.get("depends_on"), service + ".depends_on");
        assertThat(dependsOn).as("%s waits for PostgreSQL, Kafka and Redis", service).hasSizeGreaterThanOrEqualTo(3);
        dependsOn.forEach((dependency, condition) -> {
            assertThat(map(condition, service + " depends_on " + dependency)).containsEntry("condition", "service_healthy");
            assertThat(map(services.get(dependency), "compose service " + dependency))
                    .as("%s, which %s waits to be healthy, has a healthcheck", dependency, service)
                    .containsKey("healthcheck");
        });
    }

    @Test
    void composeRunsThePinnedInfrastructure() {
        Map<String, Object> services = map(compose().get("services"), "compose services");
        assertThat(map(services.get("postgres"), "postgres").get("image")).asString().startsWith("postgres:15");
        assertThat(map(services.get("redis"), "redis").get("image")).asString().startsWith("redis:7");
        assertThat(map(services.get("kafka"), "kafka").get("image")).isEqualTo("apache/kafka:4.2.1");
        Map<String, String> kafka = environment(map(services.get("kafka"), "kafka").get("environment"));
        assertThat(kafka.get("KAFKA_PROCESS_ROLES")).as("single-node KRaft").contains("broker").contains("controller");
        String advertised = kafka.get("KAFKA_ADVERTISED_LISTENERS");
        for (String service : serviceModules()) {
            String bootstrap = environment(map(services.get(service), service).get("environment"))
                    .get("SPRING_KAFKA_BOOTSTRAP_SERVERS");
            assertThat(advertised).as("%s bootstraps from %s, a listener Kafka advertises", service, bootstrap)
                    .contains("://" + bootstrap);
        }
    }

    // ---------------------------------------------------------------- Kubernetes

    @Test
    void theKustomizationListsEveryManifestAndNothingElse() throws IOException {
        Map<String, Object> kustomization = map(loadAll(K8S.resolve("kustomization.yaml")).getFirst(), "kustomization");
        Set<String> listed = new TreeSet<>();
        list(kustomization.get("resources"), "resources").forEach(r -> listed.add(String.valueOf(r)));
        Set<String> present = new TreeSet<>();
        try (Stream<Path> files = Files.list(K8S)) {
            files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".yaml") || f.endsWith(".yml"))
                    .filter(f -> !f.startsWith("kustomization."))
                    .forEach(present::add);
        }
        assertThat(listed).as("resources of k8s/kustomization.yaml").isEqualTo(present);
    }

    @Test
    void everyNamespacedManifestIsInTheNamespaceItCreates() {
        List<Map<String, Object>> namespaces = manifests("Namespace");
        assertThat(namespaces).as("Namespace manifests").hasSize(1);
        String namespace = name(namespaces.getFirst());
        for (Map<String, Object> manifest : k8s()) {
            if (!"Namespace".equals(manifest.get("kind"))) {
                assertThat(map(manifest.get("metadata"), "metadata").get("namespace"))
                        .as("namespace of %s %s", manifest.get("kind"), name(manifest)).isEqualTo(namespace);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void theDeploymentRunsReplicasOnTheServicePortWithProbes(String service) {
        int port = serverPort(service);
        Map<String, Object> deployment = manifest("Deployment", service);
        Map<String, Object> spec = map(deployment.get("spec"), "spec");
        assertThat(((Number) spec.get("replicas")).intValue()).as("%s replicas: scale-out is the design", service)
                .isGreaterThanOrEqualTo(2);
        Map<String, Object> rollingUpdate = map(map(spec.get("strategy"), "strategy").get("rollingUpdate"), "rollingUpdate");
        assertThat(String.valueOf(rollingUpdate.get("maxUnavailable"))).as("%s maxUnavailable", service).isIn("0", "0%");

        Map<String, Object> template = map(spec.get("template"), "template");
        Map<String, Object> podLabels = map(map(template.get("metadata"), "template metadata").get("labels"), "labels");
        assertThat(podLabels).as("%s's pods carry its selector", service)
                .containsAllEntriesOf(map(map(spec.get("selector"), "selector").get("matchLabels"), "matchLabels"));

        Map<String, Object> pod = map(template.get("spec"), "pod spec");
        Map<String, Object> container = container(pod, service);
        List<Map<String, Object>> ports = maps(container.get("ports"), service + " ports");
        assertThat(ports).as("%s's container ports", service).extracting(p -> p.get("containerPort")).contains(port);

        for (String[] probe : new String[][] {{"readinessProbe", READINESS}, {"livenessProbe", LIVENESS}}) {
            Map<String, Object> httpGet = map(map(container.get(probe[0]), service + " " + probe[0]).get("httpGet"),
                    service + " " + probe[0] + ".httpGet");
            assertThat(httpGet.get("path")).as("%s %s path", service, probe[0]).isEqualTo(probe[1]);
            assertThat(resolvePort(httpGet.get("port"), ports)).as("%s %s port", service, probe[0]).isEqualTo(port);
        }

        Map<String, Object> resources = map(container.get("resources"), service + " resources");
        for (String bound : List.of("requests", "limits")) {
            assertThat(map(resources.get(bound), service + " " + bound)).as("%s %s", service, bound)
                    .containsKeys("cpu", "memory");
        }

        Map<String, Object> podSecurity = pod.get("securityContext") == null ? Map.of()
                : map(pod.get("securityContext"), "pod securityContext");
        Map<String, Object> security = map(container.get("securityContext"), service + " securityContext");
        assertThat(security.containsKey("runAsNonRoot") ? security.get("runAsNonRoot") : podSecurity.get("runAsNonRoot"))
                .as("%s runAsNonRoot (container or pod)", service).isEqualTo(true);
        assertThat(security.get("readOnlyRootFilesystem")).as("%s readOnlyRootFilesystem", service).isEqualTo(true);
        assertThat(security.get("allowPrivilegeEscalation")).as("%s allowPrivilegeEscalation", service).isEqualTo(false);
        String tmpVolume = maps(container.get("volumeMounts"), service + " volumeMounts").stream()
                .filter(m -> "/tmp".equals(m.get("mountPath"))).map(m -> String.valueOf(m.get("name")))
                .findFirst().orElseGet(() -> fail("%s mounts nothing on /tmp", service));
        assertThat(maps(pod.get("volumes"), service + " volumes"))
                .as("%s's /tmp is an emptyDir", service)
                .anySatisfy(v -> {
                    assertThat(v.get("name")).isEqualTo(tmpVolume);
                    assertThat(v).containsKey("emptyDir");
                });

        assertThat(kubernetesEnvironment(container)).as("%s's environment", service)
                .containsAll(INFRASTRUCTURE_ENV);
    }

    @ParameterizedTest
    @MethodSource("services")
    void theServiceAndDisruptionBudgetSelectTheDeploymentsPods(String service) {
        Map<String, Object> deploymentSpec = map(manifest("Deployment", service).get("spec"), "spec");
        Map<String, Object> template = map(deploymentSpec.get("template"), "template");
        Map<String, Object> podLabels = map(map(template.get("metadata"), "metadata").get("labels"), "labels");
        List<Map<String, Object>> ports = maps(container(map(template.get("spec"), "pod"), service).get("ports"), "ports");

        Map<String, Object> serviceSpec = map(manifest("Service", service).get("spec"), "Service spec");
        assertThat(podLabels).as("Service %s selects the Deployment's pods", service)
                .containsAllEntriesOf(map(serviceSpec.get("selector"), "Service selector"));
        assertThat(maps(serviceSpec.get("ports"), "Service ports"))
                .as("Service %s forwards to server.port", service)
                .anySatisfy(p -> assertThat(resolvePort(p.getOrDefault("targetPort", p.get("port")), ports))
                        .isEqualTo(serverPort(service)));

        Map<String, Object> budget = map(manifest("PodDisruptionBudget", service).get("spec"), "PDB spec");
        assertThat(podLabels).as("PodDisruptionBudget %s selects the Deployment's pods", service)
                .containsAllEntriesOf(map(map(budget.get("selector"), "PDB selector").get("matchLabels"), "matchLabels"));
        int replicas = ((Number) deploymentSpec.get("replicas")).intValue();
        if (budget.get("minAvailable") instanceof Number minAvailable) {
            assertThat(minAvailable.intValue()).as("PDB %s still lets a node drain", service).isLessThan(replicas);
        } else {
            assertThat(budget.get("maxUnavailable")).as("PDB %s bounds disruptions", service).isNotNull();
        }
    }

    @Test
    void everyConfigMapAndSecretTheDeploymentsReferenceExists() {
        for (String service : serviceModules()) {
            Map<String, Object> pod = map(map(map(manifest("Deployment", service).get("spec"), "spec")
                    .get("template"), "template").get("spec"), "pod");
            Map<String, Object> container = container(pod, service);
            for (Map<String, Object> from : maps(container.getOrDefault("envFrom", List.of()), "envFrom")) {
                if (from.get("configMapRef") != null) {
                    manifest("ConfigMap", String.valueOf(map(from.get("configMapRef"), "configMapRef").get("name")));
                }
                if (from.get("secretRef") != null) {
                    manifest("Secret", String.valueOf(map(from.get("secretRef"), "secretRef").get("name")));
                }
            }
            for (Map<String, Object> env : maps(container.getOrDefault("env", List.of()), "env")) {
                Object valueFrom = env.get("valueFrom");
                if (valueFrom == null) {
                    continue;
                }
                for (String[] ref : new String[][] {{"secretKeyRef", "Secret"}, {"configMapKeyRef", "ConfigMap"}}) {
                    Object keyRef = map(valueFrom, "valueFrom").get(ref[0]);
                    if (keyRef != null) {
                        Map<String, Object> selector = map(keyRef, ref[0]);
                        Map<String, Object> source = manifest(ref[1], String.valueOf(selector.get("name")));
                        Set<Object> keys = new HashSet<>();
                        for (String field : List.of("data", "stringData")) {
                            if (source.get(field) != null) {
                                keys.addAll(map(source.get(field), field).keySet());
                            }
                        }
                        assertThat(keys).as("%s %s, which %s reads %s from", ref[1], selector.get("name"), service,
                                env.get("name")).contains(selector.get("key"));
                    }
                }
            }
        }
    }

    /**
     * The TECHEX_* variables the deployments set must bind to a property the platform reads (relaxed binding:
     * techex.kafka.replicas is TECHEX_KAFKA_REPLICAS), or a rename in the code would leave them silently unused.
     */
    @Test
    void everyTechExVariableTheDeploymentsSetBindsToAPropertyThePlatformReads() throws IOException {
        Set<String> known = new TreeSet<>();
        Properties defaults = new Properties();
        try (Reader in = Files.newBufferedReader(ROOT.resolve("infra/platform/src/main/resources/techex-defaults.properties"))) {
            defaults.load(in);
        }
        defaults.stringPropertyNames().forEach(p -> known.add(environmentName(p)));
        Pattern placeholder = Pattern.compile("\\$\\{(techex\\.[\\w.-]+)");
        try (Stream<Path> sources = Files.walk(ROOT.resolve("infra/platform/src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = placeholder.matcher(read(source));
                while (m.find()) {
                    known.add(environmentName(m.group(1)));
                }
            }
        }

        Set<String> set = new TreeSet<>();
        Map<String, Object> services = map(compose().get("services"), "compose services");
        for (String service : serviceModules()) {
            set.addAll(environment(map(services.get(service), service).get("environment")).keySet());
            set.addAll(kubernetesEnvironment(container(map(map(map(manifest("Deployment", service).get("spec"),
                    "spec").get("template"), "template").get("spec"), "pod"), service)));
        }
        assertThat(set.stream().filter(v -> v.startsWith("TECHEX_")).toList())
                .as("TECHEX_* variables set by compose.yaml and k8s (the platform reads %s)",
                        known.stream().filter(v -> v.startsWith("TECHEX_")).toList())
                .isNotEmpty()
                .allSatisfy(v -> assertThat(known).contains(v));
    }

    // ---------------------------------------------------------------- reading the files

    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("infra/deploy"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (pom.xml beside infra/deploy) above " + Path.of("").toAbsolutePath());
    }

    static List<String> serviceModules() {
        return children(child(xml(ROOT.resolve("pom.xml")).getDocumentElement(), "modules"), "module").stream()
                .map(DeploymentManifestsTest::text)
                .filter(m -> m.endsWith("-service"))
                .toList();
    }

    static String projectVersion() {
        return text(child(xml(ROOT.resolve("pom.xml")).getDocumentElement(), "version"));
    }

    /** server.port from {@code <service>/src/main/resources/<service>.yml}, nested or dotted. */
    static int serverPort(String service) {
        Path file = ROOT.resolve(service).resolve("src/main/resources").resolve(service + ".yml");
        for (Object doc : loadAll(file)) {
            if (doc instanceof Map<?, ?> yaml) {
                Object port = yaml.get("server.port");
                if (port == null && yaml.get("server") instanceof Map<?, ?> server) {
                    port = server.get("port");
                }
                if (port != null) {
                    return Integer.parseInt(String.valueOf(port));
                }
            }
        }
        return fail("%s sets no server.port", file);
    }

    static Map<String, Object> compose() {
        return map(loadAll(DEPLOY.resolve("compose.yaml")).getFirst(), "compose.yaml");
    }

    /** Every document of every manifest the kustomization lists. */
    static List<Map<String, Object>> k8s() {
        Map<String, Object> kustomization = map(loadAll(K8S.resolve("kustomization.yaml")).getFirst(), "kustomization");
        List<Map<String, Object>> manifests = new ArrayList<>();
        for (Object resource : list(kustomization.get("resources"), "resources")) {
            for (Object doc : loadAll(K8S.resolve(String.valueOf(resource)))) {
                if (doc != null) {
                    manifests.add(map(doc, resource + " document"));
                }
            }
        }
        return manifests;
    }

    static List<Map<String, Object>> manifests(String kind) {
        return k8s().stream().filter(m -> kind.equals(m.get("kind"))).toList();
    }

    static Map<String, Object> manifest(String kind, String name) {
        List<Map<String, Object>> found = manifests(kind).stream().filter(m -> name.equals(name(m))).toList();
        assertThat(found).as("%s %s in infra/deploy/k8s", kind, name).hasSize(1);
        return found.getFirst();
    }

    static String name(Map<String, Object> manifest) {
        return String.valueOf(map(manifest.get("metadata"), "metadata").get("name"));
    }

    /** The Deployment's container running the service's image. */
    static Map<String, Object> container(Map<String, Object> pod, String service) {
        List<Map<String, Object>> containers = maps(pod.get("containers"), service + " containers").stream()
                .filter(c -> String.valueOf(c.get("image")).matches("(.*/)?" + Pattern.quote(service) + "(:.*|@.*)?"))
                .toList();
        assertThat(containers).as("containers of %s running image <registry>/%s", service, service).hasSize(1);
        return containers.getFirst();
    }

    /** Names of the variables a container gets: env, plus every key of the ConfigMaps and Secrets in envFrom. */
    static Set<String> kubernetesEnvironment(Map<String, Object> container) {
        Set<String> names = new TreeSet<>();
        maps(container.getOrDefault("env", List.of()), "env").forEach(e -> names.add(String.valueOf(e.get("name"))));
        for (Map<String, Object> from : maps(container.getOrDefault("envFrom", List.of()), "envFrom")) {
            for (String[] ref : new String[][] {{"configMapRef", "ConfigMap"}, {"secretRef", "Secret"}}) {
                if (from.get(ref[0]) != null) {
                    Map<String, Object> source = manifest(ref[1], String.valueOf(map(from.get(ref[0]), ref[0]).get("name")));
                    for (String field : List.of("data", "stringData")) {
                        if (source.get(field) != null) {
                            map(source.get(field), field).keySet().forEach(k -> names.add(String.valueOf(k)));
                        }
                    }
                }
            }
        }
        return names;
    }

    /** A probe's or Service's port: a number, or the name of one of the container's ports. */
    static int resolvePort(Object port, List<Map<String, Object>> containerPorts) {
        if (port instanceof Number number) {
            return number.intValue();
        }
        return containerPorts.stream()
                .filter(p -> String.valueOf(port).equals(p.get("name")))
                .map(p -> ((Number) p.get("containerPort")).intValue())
                .findFirst().orElseGet(() -> fail("no container port named %s", port));
    }

    /** Compose's environment, as a map or a list of NAME=value. */
    static Map<String, String> environment(Object environment) {
        Map<String, String> env = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (environment instanceof List<?> l) {
            l.forEach(e -> {
                String[] kv = String.valueOf(e).split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : null);
            });
        }
        return env;
    }

    /** Spring's relaxed binding from a property name to its environment variable. */
    static String environmentName(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    static List<Object> loadAll(Path file) {
        // SafeConstructor: plain maps and lists only; it resolves YAML merge keys (<<) as compose does
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<Object> docs = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file)) {
            yaml.loadAll(in).forEach(docs::add);
        } catch (IOException e) {
            return fail("cannot read %s: %s", file, e);
        }
        assertThat(docs).as("YAML documents in %s", file).isNotEmpty();
        return docs;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return fail("cannot read %s: %s", file, e);
        }
    }

    static Document xml(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(in);
        } catch (Exception e) {
            return fail("cannot parse %s: %s", file, e);
        }
    }

    static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.getFirst();
    }

    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent != null) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && name.equals(e.getTagName())) {
                    found.add(e);
                }
            }
        }
        return found;
    }

    static String text(Element element) {
        return element == null ? null : element.getTextContent().strip();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        assertThat(value).as(what).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value, String what) {
        assertThat(value).as(what).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    static List<Map<String, Object>> maps(Object value, String what) {
        return list(value, what).stream().map(v -> map(v, what + " entry")).toList();
    }
}
