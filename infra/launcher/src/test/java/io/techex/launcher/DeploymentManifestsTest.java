package io.techex.launcher;

import io.techex.authserver.AuthServerProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
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
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Keeps infra/deploy honest against the build it deploys: every service module of the root pom, and the demo
 * authorization server, has a compose service and a Kubernetes Deployment, Service and PodDisruptionBudget whose
 * image, ports and probes match the module's own {@code server.port}; the Dockerfile copies the jar the poms attach;
 * and every service trusts the issuer the authorization server stamps, fetching its keys from an address it can
 * reach. Reads the real files; needs neither Docker nor a cluster.
 */
class DeploymentManifestsTest {

    static final Path ROOT = repositoryRoot();
    static final Path DEPLOY = ROOT.resolve("infra/deploy");
    static final Path K8S = DEPLOY.resolve("k8s");

    /** The demo identity provider's module directory; deployed like a service, but not one. */
    static final String AUTHSERVER = "infra/authserver";
    /** The web console: deployed like a service, with no database, broker or Redis of its own. */
    static final String WEB_CONSOLE = "web-console";

    static final String READINESS = "/actuator/health/readiness";
    static final String LIVENESS = "/actuator/health/liveness";
    /** What every service needs from its environment to reach PostgreSQL, Kafka and Redis. */
    static final List<String> INFRASTRUCTURE_ENV = List.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
            "SPRING_DATASOURCE_PASSWORD", "SPRING_FLYWAY_USER", "SPRING_FLYWAY_PASSWORD", "SPRING_KAFKA_BOOTSTRAP_SERVERS",
            "TECHEX_REDIS_HOST", "TECHEX_REDIS_PORT");
    static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    static final String JWK_SET_URI = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";
    static final String AUTH_PREFIX = "techex.auth";
    static final String AUTH_ISSUER = AUTH_PREFIX + ".issuer";
    static final String AUTH_KEY_LOCATION = AUTH_PREFIX + ".key-location";
    /** The service that signs the audit log, and the property its signing key is configured by. */
    static final String AUDIT = "audit-service";
    static final String AUDIT_SIGNING_KEY = "techex.audit.signing-key";
    /** Where the authorization server serves its public keys: Spring Authorization Server's default, which it keeps. */
    static final String JWK_SET_PATH = AuthorizationServerSettings.builder().build().getJwkSetEndpoint();

    // ---------------------------------------------------------------- the modules deployed

    /** The service modules: each directory is also the artifactId. */
    static Stream<String> services() {
        return serviceModules().stream();
    }

    /** Directories of every module with an image: the services, the authorization server and the web console. */
    static Stream<String> deployedModules() {
        return Stream.concat(services(), Stream.of(AUTHSERVER, WEB_CONSOLE));
    }

    @Test
    void theRootPomHasServiceModules() {
        assertThat(serviceModules()).as("<module>s of %s ending in -service", ROOT.resolve("pom.xml")).isNotEmpty();
    }

    @Test
    void theAuthorizationServerIsAModuleOfTheBuild() {
        Path parent = ROOT.resolve(AUTHSERVER).getParent();
        assertThat(modules(ROOT.resolve("pom.xml"))).contains(ROOT.relativize(parent).toString());
        assertThat(modules(parent.resolve("pom.xml"))).contains(parent.relativize(ROOT.resolve(AUTHSERVER)).toString());
    }

    // ---------------------------------------------------------------- image

    @ParameterizedTest
    @MethodSource("deployedModules")
    void theDockerfileCopiesTheRunnableJarTheModulePomAttaches(String module) {
        String dockerfile = read(DEPLOY.resolve("Dockerfile"));
        for (String arg : List.of("SERVICE", "MODULE")) {
            assertThat(dockerfile).as("Dockerfile declares ARG %s", arg).containsPattern("(?m)^ARG\\s+" + arg + "\\s*$");
        }
        String classifier = dockerfileClassifier();
        Matcher version = Pattern.compile("(?m)^ARG\\s+VERSION=(\\S+)\\s*$").matcher(dockerfile);
        assertThat(version.find()).as("Dockerfile declares ARG VERSION=<default>").isTrue();
        assertThat(version.group(1)).as("Dockerfile's default VERSION is the project version")
                .isEqualTo(projectVersion());

        Element project = xml(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement();
        String artifactId = text(child(project, "artifactId"));
        if (!module.equals(AUTHSERVER)) {
            assertThat(artifactId).as("artifactId of module %s: without --build-arg MODULE the Dockerfile looks for"
                    + " the jar in the directory of that name", module).isEqualTo(module);
        }
        Element build = child(project, "build");
        assertThat(build).as("<build> of %s/pom.xml", module).isNotNull();
        assertThat(child(build, "finalName")).as("%s keeps the default jar name", module).isNull();

        Element bootPlugin = children(child(build, "plugins"), "plugin").stream()
                .filter(p -> "spring-boot-maven-plugin".equals(text(child(p, "artifactId"))))
                .findFirst().orElse(null);
        assertThat(bootPlugin).as("spring-boot-maven-plugin in %s/pom.xml", module).isNotNull();
        Element repackage = children(child(bootPlugin, "executions"), "execution").stream()
                .filter(e -> "repackage".equals(text(child(e, "id"))))
                .findFirst().orElse(null);
        assertThat(repackage).as("the repackage execution of %s", module).isNotNull();
        assertThat(text(child(child(repackage, "configuration"), "classifier")))
                .as("%s attaches the runnable jar with the classifier the Dockerfile copies", module)
                .isEqualTo(classifier);

        String mainClass = text(child(child(bootPlugin, "configuration"), "mainClass"));
        assertThat(mainClass).as("mainClass of %s", module).isNotBlank();
        assertThat(ROOT.resolve(module).resolve("src/main/java").resolve(mainClass.replace('.', '/') + ".java"))
                .as("source of %s's main class", module).isRegularFile();
    }

    @ParameterizedTest
    @MethodSource("deployedModules")
    void theBuildContextHoldsTheRunnableJar(String module) {
        String jar = module + "/target/" + artifactId(module) + "-" + projectVersion() + "-" + dockerfileClassifier()
                + ".jar";
        assertThat(dockerIgnored(read(DEPLOY.resolve("Dockerfile.dockerignore")), jar))
                .as("Dockerfile.dockerignore keeps %s out of the build context", jar).isFalse();
        assertThat(dockerIgnored(read(DEPLOY.resolve("Dockerfile.dockerignore")), module + "/pom.xml"))
                .as("Dockerfile.dockerignore lets only the runnable jars into the context").isTrue();
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
    @MethodSource("deployedModules")
    void composeBuildsAndRunsTheModuleOnItsPort(String module) {
        Map<String, Object> services = map(compose().get("services"), "compose services");
        String name = artifactId(module);
        Map<String, Object> entry = map(services.get(name), "compose service " + name);
        int port = serverPort(module);

        Map<String, Object> build = map(entry.get("build"), name + ".build");
        Map<String, Object> args = map(build.get("args"), name + ".build.args");
        assertThat(args).containsEntry("SERVICE", name);
        Object moduleArg = args.get("MODULE");
        assertThat(moduleArg == null || String.valueOf(moduleArg).isBlank() ? name : String.valueOf(moduleArg))
                .as("the module directory the Dockerfile copies %s's jar from", name).isEqualTo(module);
        Path context = DEPLOY.resolve(String.valueOf(build.get("context"))).normalize();
        assertThat(context.resolve(String.valueOf(build.get("dockerfile"))).normalize())
                .as("%s is built from infra/deploy/Dockerfile", name).isEqualTo(DEPLOY.resolve("Dockerfile"));
        assertThat(context).as("%s's build context holds its module", name).isEqualTo(ROOT);
        assertThat(entry.get("image")).as("%s's image", name).isEqualTo(image(module));

        assertThat(publishedPorts(entry, name)).as("%s publishes server.port %d", name, port).containsKey(port);
        String healthcheck = String.valueOf(map(entry.get("healthcheck"), name + ".healthcheck").get("test"));
        assertThat(healthcheck).as("%s's healthcheck", name).contains(":" + port + READINESS);
    }

    @ParameterizedTest
    @MethodSource("services")
    void composeStartsTheServiceAfterWhatItNeeds(String service) {
        Map<String, Object> services = map(compose().get("services"), "compose services");
        Map<String, Object> entry = map(services.get(service), "compose service " + service);
        assertThat(environment(entry.get("environment"))).as("%s's environment", service)
                .containsKeys(INFRASTRUCTURE_ENV.toArray(String[]::new));

        Map<String, Object> dependsOn = map(entry.get("depends_on"), service + ".depends_on");
        assertThat(dependsOn).as("%s waits for PostgreSQL, Kafka, Redis and the authorization server", service)
                .containsKeys("postgres", "kafka", "redis", artifactId(AUTHSERVER));
        dependsOn.forEach((dependency, condition) -> {
            assertThat(map(condition, service + " depends_on " + dependency)).containsEntry("condition", "service_healthy");
            assertThat(map(services.get(dependency), "compose service " + dependency))
                    .as("%s, which %s waits to be healthy, has a healthcheck", dependency, service)
                    .containsKey("healthcheck");
        });
    }

    /**
     * Tokens are fetched from the host, so their iss is the host's address of the authorization server; the services
     * must accept exactly that issuer, yet take the keys from the address they reach on the compose network.
     */
    @Test
    void composeServicesTrustTheIssuerTheHostSeesAndFetchKeysWhereTheyCan() {
        Map<String, Object> services = map(compose().get("services"), "compose services");
        String authName = artifactId(AUTHSERVER);
        Map<String, Object> auth = map(services.get(authName), "compose service " + authName);
        String issuer = bound(environment(auth.get("environment")), AUTH_ISSUER);
        assertThat(issuer).as("%s the authorization server gets", AUTH_ISSUER).isNotBlank();
        URI issuerUri = URI.create(issuer);
        assertThat(issuerUri.getHost()).as("the issuer's host: where tokens are fetched from").isIn("localhost", "127.0.0.1");
        assertThat(publishedPorts(auth, authName).get(serverPort(AUTHSERVER)))
                .as("the host port the authorization server is published on is the issuer's port %s", issuer)
                .isEqualTo(issuerUri.getPort());

        for (String service : serviceModules()) {
            Map<String, String> env = environment(map(services.get(service), service).get("environment"));
            assertThat(bound(env, ISSUER_URI)).as("%s's %s", service, ISSUER_URI).isEqualTo(issuer);
            String jwkSet = bound(env, JWK_SET_URI);
            assertThat(jwkSet).as("%s's %s: without it the issuer's discovery document, on localhost, is out of"
                    + " reach", service, JWK_SET_URI).isNotBlank();
            URI jwks = URI.create(jwkSet);
            assertThat(jwks.getHost()).as("%s fetches keys from the compose service", service).isEqualTo(authName);
            assertThat(jwks.getPort()).as("%s fetches keys on the server's own port", service)
                    .isEqualTo(serverPort(AUTHSERVER));
            assertThat(jwks.getPath()).as("%s's JWK set path", service).isEqualTo(JWK_SET_PATH);
        }
    }

    @Test
    void theWebConsoleIsAModuleOfTheBuild() {
        assertThat(modules(ROOT.resolve("pom.xml"))).contains(WEB_CONSOLE);
    }

    /**
     * The console calls listing-, bidding-, contract- and audit-service where they run, and signs people in where each party can reach the
     * authorization server: browsers at the issuer's address (compose: the host's), the console itself at the
     * server's address on the network. Every TECHEX_CONSOLE_* variable binds to a component of ConsoleProperties.
     */
    @Test
    void theConsoleReachesTheServicesItCallsAndSignsPeopleInWhereEachCanReachTheAuthorizationServer() {
        Map<String, Object> services = map(compose().get("services"), "compose services");
        String authName = artifactId(AUTHSERVER);
        String issuer = bound(environment(map(services.get(authName), authName).get("environment")), AUTH_ISSUER);
        String provider = "SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_TECHEX_";

        Map<String, Object> composeConsole = map(services.get(WEB_CONSOLE), WEB_CONSOLE);
        Map<String, String> env = environment(composeConsole.get("environment"));
        assertThat(env.get(provider + "AUTHORIZATIONURI")).as("browsers sign in at the issuer's address")
                .isEqualTo(issuer + "/oauth2/authorize");
        assertThat(URI.create(env.get(provider + "TOKENURI")).getHost()).isEqualTo(authName);
        assertThat(URI.create(env.get(provider + "JWKSETURI")).getHost()).isEqualTo(authName);
        assertThat(URI.create(env.get(provider + "JWKSETURI")).getPath()).isEqualTo(JWK_SET_PATH);
        Map<String, String> k8s = kubernetesEnvironmentValues(deploymentContainer(artifactId(WEB_CONSOLE)));
        for (String service : List.of("listing-service", "bidding-service", "contract-service", "audit-service")) {
            String variable = "TECHEX_CONSOLE_" + service.replace("-service", "").toUpperCase(Locale.ROOT) + "URL";
            URI compose = URI.create(env.get(variable));
            assertThat(compose.getHost()).as(variable).isEqualTo(service);
            assertThat(compose.getPort()).as(variable).isEqualTo(serverPort(service));
            URI kubernetes = URI.create(k8s.get(variable));
            assertThat(kubernetes.getHost()).as(variable).startsWith(service + ".");
            assertThat(kubernetes.getPort()).as(variable).isEqualTo(serverPort(service));
        }
        assertThat(map(composeConsole.get("depends_on"), "web-console.depends_on"))
                .containsKeys(authName, "listing-service", "bidding-service", "contract-service", "audit-service");
        assertThat(URI.create(k8s.get(provider + "TOKENURI")).getHost()).startsWith(authName + ".");

        Set<String> known = new TreeSet<>();
        for (RecordComponent component : io.techex.console.ConsoleProperties.class.getRecordComponents()) {
            known.add(environmentName("techex.console." + component.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                    .toLowerCase(Locale.ROOT)));
        }
        Set<String> set = new TreeSet<>(env.keySet());
        set.addAll(kubernetesEnvironment(deploymentContainer(artifactId(WEB_CONSOLE))));
        assertThat(set.stream().filter(v -> v.startsWith("TECHEX_CONSOLE_")).toList())
                .isNotEmpty().allSatisfy(v -> assertThat(known).contains(v));
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

    /**
     * Regulators pin the audit log's key, so every start and every replica must sign with the same one: in compose it
     * is a secret (not written into the file), and the variable audit-service reads names the file it appears as.
     */
    @Test
    void composeGivesAuditServiceItsSigningKeyAsASecret() {
        Map<String, Object> compose = compose();
        Map<String, Object> audit = map(map(compose.get("services"), "compose services").get(AUDIT), "compose service " + AUDIT);
        String variable = signingKeyVariable();
        String keyFile = environment(audit.get("environment")).get(variable);
        assertThat(keyFile).as("%s of compose service %s: the file of its signing key", variable, AUDIT).isNotBlank();

        Map<String, String> granted = new LinkedHashMap<>(); // where each granted secret appears -> the secret
        for (Object secret : list(audit.get("secrets"), AUDIT + ".secrets")) {
            String source = secret instanceof Map<?, ?> m ? String.valueOf(m.get("source")) : String.valueOf(secret);
            String target = secret instanceof Map<?, ?> m && m.get("target") != null ? String.valueOf(m.get("target")) : source;
            granted.put(target.startsWith("/") ? target : "/run/secrets/" + target, source);
        }
        assertThat(granted).as("secrets granted to %s, by the path they appear at", AUDIT).containsKey(keyFile);
        Map<String, Object> secret = map(map(compose.get("secrets"), "compose's top-level secrets").get(granted.get(keyFile)),
                "compose secret " + granted.get(keyFile));
        assertThat(secret.keySet()).as("compose secret %s comes from a host file, a host variable or the platform",
                granted.get(keyFile)).containsAnyOf("file", "environment", "external");
        assertThat(read(DEPLOY.resolve("compose.yaml"))).as("no key in compose.yaml itself").doesNotContain("PRIVATE KEY-");
    }

    // ---------------------------------------------------------------- Kubernetes

    /**
     * Both audit-service replicas read the signing key from one Secret, required (a pod without it must not start and
     * sign with a key of its own), and kept out of the repository (a committed key is no secret): the README says how
     * to create it.
     */
    @Test
    void kubernetesGivesEveryAuditReplicaTheSigningKeyOfOneRequiredSecretKeptOutOfTheRepository() {
        Map<String, Object> pod = map(map(map(manifest("Deployment", AUDIT).get("spec"), "spec").get("template"),
                "template").get("spec"), "pod");
        Map<String, Object> container = container(pod, AUDIT);
        String variable = signingKeyVariable();
        Map<String, Object> env = maps(container.getOrDefault("env", List.of()), "env").stream()
                .filter(e -> variable.equals(e.get("name"))).findFirst()
                .orElseGet(() -> fail("%s's container sets no %s", AUDIT, variable));
        String secretName;
        if (env.get("valueFrom") != null) {
            Map<String, Object> selector = map(map(env.get("valueFrom"), "valueFrom").get("secretKeyRef"),
                    variable + " valueFrom.secretKeyRef");
            assertThat(selector.get("optional")).as("%s's Secret is required", variable).isNotEqualTo(true);
            secretName = String.valueOf(selector.get("name"));
        } else {
            String path = String.valueOf(env.get("value"));
            Map<String, Object> mount = maps(container.getOrDefault("volumeMounts", List.of()), "volumeMounts").stream()
                    .filter(m -> path.startsWith(m.get("mountPath") + "/")).findFirst()
                    .orElseGet(() -> fail("%s = %s is in no volume %s mounts", variable, path, AUDIT));
            Map<String, Object> volume = maps(pod.get("volumes"), "volumes").stream()
                    .filter(v -> mount.get("name").equals(v.get("name"))).findFirst()
                    .orElseGet(() -> fail("no volume %s", mount.get("name")));
            Map<String, Object> source = map(volume.get("secret"), "volume " + volume.get("name") + " is a Secret");
            assertThat(source.get("optional")).as("the Secret of %s is required", variable).isNotEqualTo(true);
            String file = path.substring(String.valueOf(mount.get("mountPath")).length() + 1);
            if (source.get("items") != null) {
                assertThat(maps(source.get("items"), "items")).as("the Secret's items hold %s", file)
                        .anySatisfy(item -> assertThat(item.get("path")).isEqualTo(file));
            }
            secretName = String.valueOf(source.get("secretName"));
        }
        assertThat(optionalManifest("Secret", secretName)).as("Secret %s in infra/deploy/k8s: a committed key is no secret",
                secretName).isEmpty();
        assertThat(read(DEPLOY.resolve("README.md"))).as("the README says how to create Secret %s", secretName)
                .contains("kubectl -n " + namespace() + " create secret generic " + secretName);
    }

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
        String namespace = namespace();
        for (Map<String, Object> manifest : k8s()) {
            if (!"Namespace".equals(manifest.get("kind"))) {
                assertThat(map(manifest.get("metadata"), "metadata").get("namespace"))
                        .as("namespace of %s %s", manifest.get("kind"), name(manifest)).isEqualTo(namespace);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("deployedModules")
    void theDeploymentRunsTheModuleOnItsPortWithProbes(String module) {
        String name = artifactId(module);
        int port = serverPort(module);
        Map<String, Object> deployment = manifest("Deployment", name);
        Map<String, Object> spec = map(deployment.get("spec"), "spec");
        if (!module.equals(AUTHSERVER)) {
            assertThat(((Number) spec.get("replicas")).intValue()).as("%s replicas: scale-out is the design", name)
                    .isGreaterThanOrEqualTo(2);
        }
        Map<String, Object> rollingUpdate = map(map(spec.get("strategy"), "strategy").get("rollingUpdate"), "rollingUpdate");
        assertThat(String.valueOf(rollingUpdate.get("maxUnavailable"))).as("%s maxUnavailable", name).isIn("0", "0%");

        Map<String, Object> template = map(spec.get("template"), "template");
        Map<String, Object> podLabels = map(map(template.get("metadata"), "template metadata").get("labels"), "labels");
        assertThat(podLabels).as("%s's pods carry its selector", name)
                .containsAllEntriesOf(map(map(spec.get("selector"), "selector").get("matchLabels"), "matchLabels"));

        Map<String, Object> pod = map(template.get("spec"), "pod spec");
        Map<String, Object> container = container(pod, name);
        assertThat(container.get("image")).as("%s runs the image compose builds", name).isEqualTo(image(module));
        List<Map<String, Object>> ports = maps(container.get("ports"), name + " ports");
        assertThat(ports).as("%s's container ports", name).extracting(p -> p.get("containerPort")).contains(port);

        for (String[] probe : new String[][] {{"readinessProbe", READINESS}, {"livenessProbe", LIVENESS}}) {
            Map<String, Object> httpGet = map(map(container.get(probe[0]), name + " " + probe[0]).get("httpGet"),
                    name + " " + probe[0] + ".httpGet");
            assertThat(httpGet.get("path")).as("%s %s path", name, probe[0]).isEqualTo(probe[1]);
            assertThat(resolvePort(httpGet.get("port"), ports)).as("%s %s port", name, probe[0]).isEqualTo(port);
        }

        Map<String, Object> resources = map(container.get("resources"), name + " resources");
        for (String bound : List.of("requests", "limits")) {
            assertThat(map(resources.get(bound), name + " " + bound)).as("%s %s", name, bound)
                    .containsKeys("cpu", "memory");
        }

        Map<String, Object> podSecurity = pod.get("securityContext") == null ? Map.of()
                : map(pod.get("securityContext"), "pod securityContext");
        Map<String, Object> security = map(container.get("securityContext"), name + " securityContext");
        assertThat(security.containsKey("runAsNonRoot") ? security.get("runAsNonRoot") : podSecurity.get("runAsNonRoot"))
                .as("%s runAsNonRoot (container or pod)", name).isEqualTo(true);
        assertThat(security.get("readOnlyRootFilesystem")).as("%s readOnlyRootFilesystem", name).isEqualTo(true);
        assertThat(security.get("allowPrivilegeEscalation")).as("%s allowPrivilegeEscalation", name).isEqualTo(false);
        String tmpVolume = maps(container.get("volumeMounts"), name + " volumeMounts").stream()
                .filter(m -> "/tmp".equals(m.get("mountPath"))).map(m -> String.valueOf(m.get("name")))
                .findFirst().orElseGet(() -> fail("%s mounts nothing on /tmp", name));
        assertThat(maps(pod.get("volumes"), name + " volumes"))
                .as("%s's /tmp is an emptyDir", name)
                .anySatisfy(v -> {
                    assertThat(v.get("name")).isEqualTo(tmpVolume);
                    assertThat(v).containsKey("emptyDir");
                });

        if (!module.equals(AUTHSERVER) && !module.equals(WEB_CONSOLE)) {
            assertThat(kubernetesEnvironment(container)).as("%s's environment", name).containsAll(INFRASTRUCTURE_ENV);
        }
    }

    @ParameterizedTest
    @MethodSource("deployedModules")
    void theServiceAndDisruptionBudgetSelectTheDeploymentsPods(String module) {
        String name = artifactId(module);
        Map<String, Object> deploymentSpec = map(manifest("Deployment", name).get("spec"), "spec");
        Map<String, Object> template = map(deploymentSpec.get("template"), "template");
        Map<String, Object> podLabels = map(map(template.get("metadata"), "metadata").get("labels"), "labels");
        List<Map<String, Object>> ports = maps(container(map(template.get("spec"), "pod"), name).get("ports"), "ports");

        Map<String, Object> serviceSpec = map(manifest("Service", name).get("spec"), "Service spec");
        assertThat(podLabels).as("Service %s selects the Deployment's pods", name)
                .containsAllEntriesOf(map(serviceSpec.get("selector"), "Service selector"));
        assertThat(maps(serviceSpec.get("ports"), "Service ports"))
                .as("Service %s forwards to server.port", name)
                .anySatisfy(p -> assertThat(resolvePort(p.getOrDefault("targetPort", p.get("port")), ports))
                        .isEqualTo(serverPort(module)));

        Map<String, Object> budget = map(manifest("PodDisruptionBudget", name).get("spec"), "PDB spec");
        assertThat(podLabels).as("PodDisruptionBudget %s selects the Deployment's pods", name)
                .containsAllEntriesOf(map(map(budget.get("selector"), "PDB selector").get("matchLabels"), "matchLabels"));
        int replicas = ((Number) deploymentSpec.get("replicas")).intValue();
        if (budget.get("minAvailable") instanceof Number minAvailable) {
            assertThat(minAvailable.intValue()).as("PDB %s still lets a node drain", name).isLessThan(replicas);
        } else {
            assertThat(budget.get("maxUnavailable")).as("PDB %s bounds disruptions", name).isNotNull();
        }
    }

    @Test
    void everyConfigMapAndSecretTheDeploymentsReferenceExists() {
        for (String module : deployedModules().toList()) {
            String name = artifactId(module);
            Map<String, Object> container = deploymentContainer(name);
            for (Map<String, Object> from : maps(container.getOrDefault("envFrom", List.of()), "envFrom")) {
                for (String[] ref : new String[][] {{"configMapRef", "ConfigMap"}, {"secretRef", "Secret"}}) {
                    if (from.get(ref[0]) != null) {
                        Map<String, Object> selector = map(from.get(ref[0]), ref[0]);
                        if (!Boolean.TRUE.equals(selector.get("optional"))) {
                            manifest(ref[1], String.valueOf(selector.get("name")));
                        }
                    }
                }
            }
            for (Map<String, Object> env : maps(container.getOrDefault("env", List.of()), "env")) {
                Object valueFrom = env.get("valueFrom");
                if (valueFrom == null) {
                    continue;
                }
                for (String[] ref : new String[][] {{"secretKeyRef", "Secret"}, {"configMapKeyRef", "ConfigMap"}}) {
                    Object keyRef = map(valueFrom, "valueFrom").get(ref[0]);
                    if (keyRef == null) {
                        continue;
                    }
                    Map<String, Object> selector = map(keyRef, ref[0]);
                    List<Map<String, Object>> sources = manifests(ref[1]).stream()
                            .filter(m -> String.valueOf(selector.get("name")).equals(name(m))).toList();
                    if (sources.isEmpty() && Boolean.TRUE.equals(selector.get("optional"))) {
                        continue;   // provided by the cluster's operator, or deliberately absent
                    }
                    assertThat(sources).as("%s %s, which %s reads %s from", ref[1], selector.get("name"), name,
                            env.get("name")).hasSize(1);
                    assertThat(data(sources.getFirst()).keySet()).as("keys of %s %s, which %s reads %s from", ref[1],
                            selector.get("name"), name, env.get("name")).contains(String.valueOf(selector.get("key")));
                }
            }
        }
    }

    /**
     * In the cluster the issuer is one value in the shared ConfigMap: the services accept it, the demo authorization
     * server stamps it, and the keys come from the authorization server's Service.
     */
    @Test
    void kubernetesServicesTrustTheIssuerTheAuthorizationServerStampsAndFetchKeysFromIt() {
        String authName = artifactId(AUTHSERVER);
        String issuer = bound(kubernetesEnvironmentValues(deploymentContainer(authName)), AUTH_ISSUER);
        assertThat(issuer).as("%s of the authorization server's Deployment", AUTH_ISSUER).isNotBlank();

        Map<String, Object> authService = manifest("Service", authName);
        List<Map<String, Object>> containerPorts = maps(deploymentContainer(authName).get("ports"), "ports");
        List<Integer> servicePorts = maps(map(authService.get("spec"), "Service spec").get("ports"), "Service ports")
                .stream()
                .filter(p -> resolvePort(p.getOrDefault("targetPort", p.get("port")), containerPorts)
                        == serverPort(AUTHSERVER))
                .map(p -> ((Number) p.get("port")).intValue())
                .toList();
        String namespace = namespace();
        Set<String> serviceHosts = Set.of(authName, authName + "." + namespace, authName + "." + namespace + ".svc",
                authName + "." + namespace + ".svc.cluster.local");

        for (String service : serviceModules()) {
            Map<String, String> env = kubernetesEnvironmentValues(deploymentContainer(service));
            assertThat(bound(env, ISSUER_URI)).as("%s's %s", service, ISSUER_URI).isEqualTo(issuer);
            String jwkSet = bound(env, JWK_SET_URI);
            assertThat(jwkSet).as("%s's %s", service, JWK_SET_URI).isNotBlank();
            URI jwks = URI.create(jwkSet);
            assertThat(jwks.getHost()).as("%s fetches keys from Service %s", service, authName).isIn(serviceHosts);
            assertThat(jwks.getPort()).as("%s fetches keys on a port of Service %s", service, authName)
                    .isIn(servicePorts);
            assertThat(jwks.getPath()).as("%s's JWK set path", service).isEqualTo(JWK_SET_PATH);
        }
    }

    /**
     * Without a signing key every pod generates its own, and the services, fetching the key set through the Service,
     * would hold only one pod's key: more than one replica needs the key from a source that cannot be missing.
     */
    @Test
    void theAuthorizationServerRunsOneReplicaUnlessItsSigningKeyIsShared() {
        String authName = artifactId(AUTHSERVER);
        Map<String, Object> spec = map(manifest("Deployment", authName).get("spec"), "spec");
        String keyVariable = environmentName(AUTH_KEY_LOCATION);
        boolean sharedKey = maps(deploymentContainer(authName).getOrDefault("env", List.of()), "env").stream()
                .filter(e -> keyVariable.equals(e.get("name")))
                .anyMatch(e -> e.get("value") != null || e.get("valueFrom") instanceof Map<?, ?> from
                        && from.values().stream().noneMatch(ref -> ref instanceof Map<?, ?> r
                                && Boolean.TRUE.equals(r.get("optional"))));
        if (!sharedKey) {
            assertThat(((Number) spec.get("replicas")).intValue())
                    .as("replicas of %s, whose pods may each generate a signing key", authName).isEqualTo(1);
        }
    }

    /**
     * The TECHEX_* variables the deployments set must bind to a property the platform or the service reads (relaxed binding:
     * techex.kafka.topics.replication-factor is TECHEX_KAFKA_TOPICS_REPLICATIONFACTOR), or a rename in the code would
     * leave them silently unused.
     */
    @Test
    void everyTechExVariableTheDeploymentsSetBindsToAPropertyThePlatformReads() throws IOException {
        Set<String> known = new TreeSet<>();
        Properties defaults = new Properties();
        try (Reader in = Files.newBufferedReader(ROOT.resolve("infra/platform/src/main/resources/techex-defaults.properties"))) {
            defaults.load(in);
        }
        defaults.stringPropertyNames().forEach(p -> known.add(environmentName(p)));
        // a service's own settings, and the variables its configuration names explicitly (${TECHEX_AUDIT_SIGNING_KEY:})
        for (String service : serviceModules()) {
            moduleProperties(service).forEach((property, value) -> {
                known.add(environmentName(property));
                Optional.ofNullable(placeholderVariable(value)).ifPresent(known::add);
            });
        }
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
            set.addAll(kubernetesEnvironment(deploymentContainer(service)));
        }
        assertThat(set.stream().filter(v -> v.startsWith("TECHEX_")).toList())
                .as("TECHEX_* variables set by compose.yaml and k8s (the platform reads %s)",
                        known.stream().filter(v -> v.startsWith("TECHEX_")).toList())
                .isNotEmpty()
                .allSatisfy(v -> assertThat(known).contains(v));
    }

    /** Likewise for the authorization server, whose settings are the components of {@link AuthServerProperties}. */
    @Test
    void everyTechExVariableTheAuthorizationServerGetsBindsToItsProperties() {
        Set<String> known = new TreeSet<>();
        for (RecordComponent component : AuthServerProperties.class.getRecordComponents()) {
            known.add(environmentName(AUTH_PREFIX + "." + component.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                    .toLowerCase(Locale.ROOT)));
        }
        assertThat(known).as("techex.auth.* as environment variables").contains(environmentName(AUTH_ISSUER),
                environmentName(AUTH_KEY_LOCATION));

        String authName = artifactId(AUTHSERVER);
        Set<String> set = new TreeSet<>(environment(map(map(compose().get("services"), "compose services")
                .get(authName), authName).get("environment")).keySet());
        set.addAll(kubernetesEnvironment(deploymentContainer(authName)));
        assertThat(set.stream().filter(v -> v.startsWith("TECHEX_")).toList())
                .as("TECHEX_* variables set for %s (it reads %s)", authName, known)
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
        return modules(ROOT.resolve("pom.xml")).stream().filter(m -> m.endsWith("-service")).toList();
    }

    static List<String> modules(Path pom) {
        return children(child(xml(pom).getDocumentElement(), "modules"), "module").stream()
                .map(DeploymentManifestsTest::text)
                .toList();
    }

    /** The artifactId of the module in {@code module}, a directory under the root: the jar's and image's name. */
    static String artifactId(String module) {
        return text(child(xml(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement(), "artifactId"));
    }

    /** The image compose builds for the module, and the Deployment runs (an overlay may point it at a registry). */
    static String image(String module) {
        return "techex/" + artifactId(module) + ":" + projectVersion();
    }

    static String projectVersion() {
        return text(child(xml(ROOT.resolve("pom.xml")).getDocumentElement(), "version"));
    }

    /** Every setting of {@code <module>/src/main/resources/<artifactId>.yml}, by its dotted name. */
    static Map<String, String> moduleProperties(String module) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (Object doc : loadAll(ROOT.resolve(module).resolve("src/main/resources").resolve(artifactId(module) + ".yml"))) {
            if (doc instanceof Map<?, ?> yaml) {
                flatten("", yaml, properties);
            }
        }
        return properties;
    }

    private static void flatten(String prefix, Map<?, ?> yaml, Map<String, String> properties) {
        yaml.forEach((key, value) -> {
            String name = prefix + key;
            if (value instanceof Map<?, ?> nested) {
                flatten(name + ".", nested, properties);
            } else {
                properties.put(name, String.valueOf(value));
            }
        });
    }

    /** The environment variable a value such as {@code ${TECHEX_AUDIT_SIGNING_KEY:}} reads, or null. */
    static String placeholderVariable(String value) {
        Matcher matcher = Pattern.compile("^\\$\\{([A-Z][A-Z0-9_]*)(:.*)?}$").matcher(value);
        return matcher.matches() ? matcher.group(1) : null;
    }

    /** The variable audit-service reads its signing key from, as its configuration names it. */
    static String signingKeyVariable() {
        String value = moduleProperties(AUDIT).get(AUDIT_SIGNING_KEY);
        assertThat(value).as("%s in %s.yml", AUDIT_SIGNING_KEY, AUDIT).isNotNull();
        String variable = placeholderVariable(value);
        return variable != null ? variable : environmentName(AUDIT_SIGNING_KEY);
    }

    /** server.port from {@code <module>/src/main/resources/<artifactId>.yml}, nested or dotted. */
    static int serverPort(String module) {
        Path file = ROOT.resolve(module).resolve("src/main/resources").resolve(artifactId(module) + ".yml");
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

    /** The classifier of the jar the Dockerfile copies from the module's target directory. */
    static String dockerfileClassifier() {
        Matcher copy = Pattern.compile("(?m)^COPY\\s+(?:--\\S+\\s+)*\\$\\{MODULE:-\\$\\{SERVICE}}/target/"
                + "\\$\\{SERVICE}-\\$\\{VERSION}-(?<classifier>[\\w.-]+)\\.jar\\s").matcher(read(DEPLOY.resolve("Dockerfile")));
        assertThat(copy.find()).as("Dockerfile COPYs ${MODULE:-${SERVICE}}/target/${SERVICE}-${VERSION}-<classifier>.jar")
                .isTrue();
        return copy.group("classifier");
    }

    /**
     * Whether a .dockerignore leaves a path (relative to the context) out: the last pattern that matches the path or
     * a directory above it decides, an exclamation mark making it an exception.
     */
    static boolean dockerIgnored(String rules, String path) {
        boolean ignored = false;
        for (String line : rules.lines().map(String::strip).toList()) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean exception = line.startsWith("!");
            Pattern pattern = Pattern.compile(glob((exception ? line.substring(1) : line).strip().replaceFirst("^/+", "")));
            for (String candidate = path; candidate != null;
                 candidate = candidate.contains("/") ? candidate.substring(0, candidate.lastIndexOf('/')) : null) {
                if (pattern.matcher(candidate).matches()) {
                    ignored = !exception;
                    break;
                }
            }
        }
        return ignored;
    }

    /** Go's filepath.Match, which .dockerignore uses, plus {@code **}: as a regular expression. */
    static String glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    static Map<String, Object> compose() {
        return map(loadAll(DEPLOY.resolve("compose.yaml")).getFirst(), "compose.yaml");
    }

    /** A compose service's ports, container port to host port (null where Docker picks one), short or long syntax. */
    static Map<Integer, Integer> publishedPorts(Map<String, Object> entry, String name) {
        Map<Integer, Integer> ports = new LinkedHashMap<>();
        for (Object port : list(entry.get("ports"), name + ".ports")) {
            if (port instanceof Map<?, ?> m) {
                ports.put(Integer.parseInt(String.valueOf(m.get("target"))),
                        m.get("published") == null ? null : Integer.parseInt(String.valueOf(m.get("published"))));
            } else {
                String[] parts = String.valueOf(port).replaceFirst("/\\w+$", "").split(":");
                ports.put(Integer.parseInt(parts[parts.length - 1]),
                        parts.length > 1 ? Integer.parseInt(parts[parts.length - 2]) : null);
            }
        }
        return ports;
    }

    /**
     * The value a property gets from these environment variables, by Spring Boot's own relaxed binding
     * (SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWKSETURI is spring.security.oauth2.resourceserver.jwt.jwk-set-uri).
     */
    static String bound(Map<String, String> variables, String property) {
        Map<String, Object> source = new HashMap<>();
        variables.forEach((name, value) -> {
            if (value != null) {
                source.put(name, value);
            }
        });
        StandardEnvironment environment = new StandardEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source));
        return Binder.get(environment).bind(property, String.class).orElse(null);
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

    /** A manifest an optional reference names, which need not be in this repository. */
    static Optional<Map<String, Object>> optionalManifest(String kind, Object name) {
        return manifests(kind).stream().filter(m -> String.valueOf(name).equals(name(m))).findFirst();
    }

    static String namespace() {
        List<Map<String, Object>> namespaces = manifests("Namespace");
        assertThat(namespaces).as("Namespace manifests").hasSize(1);
        return name(namespaces.getFirst());
    }

    /** A ConfigMap's or Secret's entries, Secret data decoded. */
    static Map<String, String> data(Map<String, Object> manifest) {
        Map<String, String> data = new LinkedHashMap<>();
        if (manifest.get("data") != null) {
            boolean encoded = "Secret".equals(manifest.get("kind"));
            map(manifest.get("data"), "data").forEach((k, v) -> data.put(k, encoded
                    ? new String(Base64.getDecoder().decode(String.valueOf(v)), StandardCharsets.UTF_8)
                    : String.valueOf(v)));
        }
        if (manifest.get("stringData") != null) {
            map(manifest.get("stringData"), "stringData").forEach((k, v) -> data.put(k, String.valueOf(v)));
        }
        return data;
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

    /** The container of Deployment {@code name} that runs image {@code name}. */
    static Map<String, Object> deploymentContainer(String name) {
        return container(map(map(map(manifest("Deployment", name).get("spec"), "spec").get("template"), "template")
                .get("spec"), "pod"), name);
    }

    /**
     * The variables a container gets, with their values as far as this repository holds them: every entry of the
     * ConfigMaps and Secrets in envFrom, then env (which Kubernetes lets win), literal or from a ConfigMap or Secret.
     */
    static Map<String, String> kubernetesEnvironmentValues(Map<String, Object> container) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map<String, Object> from : maps(container.getOrDefault("envFrom", List.of()), "envFrom")) {
            for (String[] ref : new String[][] {{"configMapRef", "ConfigMap"}, {"secretRef", "Secret"}}) {
                if (from.get(ref[0]) != null) {
                    optionalManifest(ref[1], map(from.get(ref[0]), ref[0]).get("name"))
                            .ifPresent(source -> values.putAll(data(source)));
                }
            }
        }
        for (Map<String, Object> env : maps(container.getOrDefault("env", List.of()), "env")) {
            String name = String.valueOf(env.get("name"));
            if (env.get("value") != null) {
                values.put(name, String.valueOf(env.get("value")));
            } else if (env.get("valueFrom") != null) {
                Map<String, Object> valueFrom = map(env.get("valueFrom"), "valueFrom");
                for (String[] ref : new String[][] {{"configMapKeyRef", "ConfigMap"}, {"secretKeyRef", "Secret"}}) {
                    if (valueFrom.get(ref[0]) != null) {
                        Map<String, Object> selector = map(valueFrom.get(ref[0]), ref[0]);
                        optionalManifest(ref[1], selector.get("name"))
                                .map(source -> data(source).get(String.valueOf(selector.get("key"))))
                                .ifPresent(value -> values.put(name, value));
                    }
                }
            }
        }
        return values;
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
