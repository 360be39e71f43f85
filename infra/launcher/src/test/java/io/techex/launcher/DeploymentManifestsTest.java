package io.techex.launcher;

import io.techex.authserver.AuthServerProperties;
import io.techex.platform.events.KafkaAccess;
import org.apache.kafka.common.acl.AclBinding;
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
    /** The data layer's custom resources (Strimzi, CloudNativePG), applied on their own, in their own namespace. */
    static final Path K8S_DATA = K8S.resolve("data");
    /** The Prometheus Operator's resources, applied on their own where its CRDs exist. */
    static final Path K8S_MONITORING = K8S.resolve("monitoring");
    /** The services' Kafka users for Strimzi's user operator, applied once Strimzi runs, beside the services. */
    static final Path K8S_KAFKA_USERS = K8S.resolve("kafka-users");
    /** Where Strimzi's user operator keeps a KafkaUser's JAAS line, in the Secret of the user's name. */
    static final String SASL_JAAS_CONFIG_KEY = "sasl.jaas.config";
    /** Kafka nodes in compose, and Strimzi's: brokers and controllers, so that one may go without losing a write. */
    static final int BROKERS = 3;
    /** Copies of every topic, and how many must hold a record before acks=all acknowledges it. */
    static final int REPLICATION_FACTOR = 3;
    static final int MIN_INSYNC_REPLICAS = 2;
    static final String TOPICS_PREFIX = "techex.kafka.topics";
    static final String PROMETHEUS_PATH = "/actuator/prometheus";

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
                .containsKeys("postgres", "redis", artifactId(AUTHSERVER))
                .containsKeys(composeBrokers().toArray(String[]::new));
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
        for (String broker : composeBrokers()) {
            assertThat(map(services.get(broker), broker).get("image")).isEqualTo("apache/kafka:4.2.1");
        }
    }

    /**
     * Three KRaft nodes, each broker and controller, that know each other as voters; every service bootstraps from
     * addresses they advertise, and creates its topics with three copies, two in sync, as do the brokers themselves.
     */
    @Test
    void composeRunsAThreeNodeKafkaClusterThatKeepsThreeCopies() {
        Map<String, Object> services = map(compose().get("services"), "compose services");
        List<String> brokers = composeBrokers();
        assertThat(brokers).as("compose services running apache/kafka").hasSize(BROKERS);
        Set<String> nodeIds = new TreeSet<>();
        Set<String> advertised = new TreeSet<>();
        Set<String> clusterIds = new TreeSet<>();
        for (String broker : brokers) {
            Map<String, Object> entry = map(services.get(broker), broker);
            Map<String, String> env = environment(entry.get("environment"));
            assertThat(env.get("KAFKA_PROCESS_ROLES")).as("%s: KRaft broker and controller", broker)
                    .contains("broker").contains("controller");
            nodeIds.add(env.get("KAFKA_NODE_ID"));
            clusterIds.add(env.get("CLUSTER_ID"));
            String voters = env.get("KAFKA_CONTROLLER_QUORUM_VOTERS");
            for (String other : brokers) {
                assertThat(voters).as("%s's controller quorum names %s", broker, other).contains("@" + other + ":");
            }
            assertThat(voters.split(",")).as("%s's quorum voters", broker).hasSize(BROKERS);
            String listener = env.get("KAFKA_ADVERTISED_LISTENERS");
            assertThat(listener).as("%s advertises its own name", broker).contains("://" + broker + ":");
            advertised.add(listener.replaceFirst("^[A-Z_]+://", ""));
            assertThat(env).as("%s's defaults for the internal topics and topics made without settings", broker)
                    .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", String.valueOf(REPLICATION_FACTOR))
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", String.valueOf(MIN_INSYNC_REPLICAS))
                    .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", String.valueOf(REPLICATION_FACTOR))
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", String.valueOf(REPLICATION_FACTOR))
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", String.valueOf(MIN_INSYNC_REPLICAS));
            String volume = list(entry.get("volumes"), broker + ".volumes").stream().map(String::valueOf)
                    .filter(v -> v.endsWith(":" + env.get("KAFKA_LOG_DIRS"))).findFirst()
                    .orElseGet(() -> fail("%s keeps KAFKA_LOG_DIRS in no volume", broker));
            assertThat(map(compose().get("volumes"), "volumes")).containsKey(volume.substring(0, volume.indexOf(':')));
            assertThat(String.valueOf(map(entry.get("healthcheck"), broker + ".healthcheck").get("test")))
                    .as("%s's healthcheck asks that broker", broker).contains(broker + ":9092");
        }
        assertThat(nodeIds).as("node ids").hasSize(BROKERS);
        assertThat(clusterIds).as("one cluster id").hasSize(1);
        for (String service : serviceModules()) {
            Map<String, String> env = environment(map(services.get(service), service).get("environment"));
            assertThat(env.get("SPRING_KAFKA_BOOTSTRAP_SERVERS").split(","))
                    .as("%s bootstraps from every broker, at the address it advertises", service)
                    .containsExactlyInAnyOrderElementsOf(advertised);
            assertTopicSafety(env, "compose service " + service);
        }
    }

    /** Every variable pins techex.kafka.topics.* of the service to three copies, two in sync (as bound by Spring). */
    static void assertTopicSafety(Map<String, String> env, String where) {
        assertThat(bound(env, TOPICS_PREFIX + ".replication-factor")).as("%s: %s.replication-factor", where, TOPICS_PREFIX)
                .isEqualTo(String.valueOf(REPLICATION_FACTOR));
        assertThat(bound(env, TOPICS_PREFIX + ".min-insync-replicas")).as("%s: %s.min-insync-replicas", where, TOPICS_PREFIX)
                .isEqualTo(String.valueOf(MIN_INSYNC_REPLICAS));
    }

    static List<String> composeBrokers() {
        return map(compose().get("services"), "compose services").entrySet().stream()
                .filter(e -> String.valueOf(map(e.getValue(), e.getKey()).get("image")).startsWith("apache/kafka:"))
                .map(Map.Entry::getKey).sorted().toList();
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
        for (Path dir : List.of(K8S, K8S_DATA, K8S_MONITORING, K8S_KAFKA_USERS)) {
            Map<String, Object> kustomization = map(loadAll(dir.resolve("kustomization.yaml")).getFirst(), "kustomization");
            Set<String> listed = new TreeSet<>();
            list(kustomization.get("resources"), "resources").forEach(r -> listed.add(String.valueOf(r)));
            Set<String> present = new TreeSet<>();
            try (Stream<Path> files = Files.list(dir)) {
                files.map(f -> f.getFileName().toString())
                        .filter(f -> f.endsWith(".yaml") || f.endsWith(".yml"))
                        .filter(f -> !f.startsWith("kustomization."))
                        .forEach(present::add);
            }
            assertThat(listed).as("resources of %s", ROOT.relativize(dir.resolve("kustomization.yaml"))).isEqualTo(present);
        }
    }

    @Test
    void everyNamespacedManifestIsInTheNamespaceItCreates() {
        String namespace = namespace();
        List<Map<String, Object>> data = k8s(K8S_DATA);
        List<Map<String, Object>> namespaces = data.stream().filter(m -> "Namespace".equals(m.get("kind"))).toList();
        assertThat(namespaces).as("k8s/data creates its namespace").hasSize(1);
        for (Map<String, Object> manifest : data) {
            if (!"Namespace".equals(manifest.get("kind"))) {
                assertThat(map(manifest.get("metadata"), "metadata").get("namespace"))
                        .as("namespace of %s %s", manifest.get("kind"), name(manifest)).isEqualTo(name(namespaces.getFirst()));
            }
        }
        for (Map<String, Object> manifest : Stream.concat(k8s(K8S_MONITORING).stream(), k8s(K8S_KAFKA_USERS).stream()).toList()) {
            assertThat(map(manifest.get("metadata"), "metadata").get("namespace"))
                    .as("namespace of %s %s", manifest.get("kind"), name(manifest)).isEqualTo(namespace);
        }
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

        Map<String, Object> startup = map(map(container.get("startupProbe"), name + " startupProbe").get("httpGet"),
                name + " startupProbe.httpGet");
        assertThat(startup.get("path")).as("%s startupProbe path: liveness, until which liveness waits", name)
                .isEqualTo(LIVENESS);
        assertThat(resolvePort(startup.get("port"), ports)).as("%s startupProbe port", name).isEqualTo(port);

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
                    if (sources.isEmpty() && "Secret".equals(ref[1]) && SASL_JAAS_CONFIG_KEY.equals(selector.get("key"))) {
                        assertThat(ofKind(k8s(K8S_KAFKA_USERS), "KafkaUser").stream().map(DeploymentManifestsTest::name))
                                .as("KafkaUser %s, whose Secret %s reads %s from", selector.get("name"), name, env.get("name"))
                                .contains(String.valueOf(selector.get("name")));
                        continue;   // Strimzi's user operator makes it
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

    // ---------------------------------------------------------------- Kubernetes: the data layer and monitoring

    /**
     * Strimzi's Kafka in KRaft mode: one node pool of three brokers and controllers, with the same copies the services
     * ask for; the services bootstrap from its bootstrap Service, on its plain listener's port, and create or check
     * their topics with three copies, two in sync.
     */
    @Test
    void kubernetesKafkaIsAStrimziClusterOfThreeNodesThatKeepsThreeCopies() {
        List<Map<String, Object>> data = k8s(K8S_DATA);
        List<Map<String, Object>> clusters = ofKind(data, "Kafka");
        assertThat(clusters).as("Strimzi Kafka resources in k8s/data").hasSize(1);
        Map<String, Object> kafka = clusters.getFirst();
        assertThat(kafka.get("apiVersion")).asString().startsWith("kafka.strimzi.io/");
        Map<String, Object> annotations = map(map(kafka.get("metadata"), "metadata").get("annotations"), "annotations");
        assertThat(annotations).containsEntry("strimzi.io/kraft", "enabled").containsEntry("strimzi.io/node-pools", "enabled");
        Map<String, Object> spec = map(map(kafka.get("spec"), "Kafka spec").get("kafka"), "spec.kafka");
        Map<String, Object> config = map(spec.get("config"), "spec.kafka.config");
        assertThat(config).as("broker defaults").containsEntry("default.replication.factor", REPLICATION_FACTOR)
                .containsEntry("min.insync.replicas", MIN_INSYNC_REPLICAS)
                .containsEntry("offsets.topic.replication.factor", REPLICATION_FACTOR);

        List<Map<String, Object>> pools = ofKind(data, "KafkaNodePool").stream()
                .filter(p -> name(kafka).equals(labels(p).get("strimzi.io/cluster"))).toList();
        assertThat(pools).as("node pools of %s", name(kafka)).hasSize(1);
        Map<String, Object> pool = map(pools.getFirst().get("spec"), "KafkaNodePool spec");
        assertThat(pool.get("replicas")).as("nodes").isEqualTo(BROKERS);
        assertThat(list(pool.get("roles"), "roles")).containsExactlyInAnyOrder("broker", "controller");
        assertThat(map(pool.get("resources"), "pool resources")).containsKeys("requests", "limits");

        int plainPort = maps(spec.get("listeners"), "listeners").stream()
                .filter(l -> Boolean.FALSE.equals(l.get("tls")) && "internal".equals(l.get("type")))
                .map(l -> ((Number) l.get("port")).intValue()).findFirst()
                .orElseGet(() -> fail("%s has no internal listener without TLS", name(kafka)));
        String bootstrap = name(kafka) + "-kafka-bootstrap." + namespaceOf(kafka) + ".svc:" + plainPort;
        for (String service : serviceModules()) {
            Map<String, String> env = kubernetesEnvironmentValues(deploymentContainer(service));
            assertThat(env.get("SPRING_KAFKA_BOOTSTRAP_SERVERS")).as("%s's Kafka", service).isEqualTo(bootstrap);
            assertTopicSafety(env, "Deployment " + service);
        }
    }

    /**
     * The topics a service creates at start are declared with the settings it checks them against: its events and
     * dead-letter topics, with its partitions, three copies and two in sync.
     */
    @ParameterizedTest
    @MethodSource("services")
    void kubernetesDeclaresTheServicesTopicsAsSafeAsTheServiceChecksThem(String service) throws IOException {
        String name = moduleProperties(service).get("techex.service.name");
        assertThat(name).as("techex.service.name of %s", service).isNotBlank();
        Properties defaults = new Properties();
        try (Reader in = Files.newBufferedReader(ROOT.resolve("infra/platform/src/main/resources/techex-defaults.properties"))) {
            defaults.load(in);
        }
        String partitions = Optional.ofNullable(kubernetesEnvironmentValues(deploymentContainer(service))
                .get(environmentName(TOPICS_PREFIX + ".partitions"))).orElse(defaults.getProperty(TOPICS_PREFIX + ".partitions"));
        Map<String, Object> kafka = ofKind(k8s(K8S_DATA), "Kafka").getFirst();
        for (String topic : List.of("techex." + name + ".events", "techex." + name + ".dlt")) {
            List<Map<String, Object>> found = ofKind(k8s(K8S_DATA), "KafkaTopic").stream()
                    .filter(t -> topic.equals(name(t))).toList();
            assertThat(found).as("KafkaTopic %s", topic).hasSize(1);
            assertThat(labels(found.getFirst())).containsEntry("strimzi.io/cluster", name(kafka));
            Map<String, Object> spec = map(found.getFirst().get("spec"), topic + " spec");
            assertThat(spec.get("topicName")).as("%s: the resource's name is the topic's", topic).isNull();
            assertThat(String.valueOf(spec.get("partitions"))).as("%s partitions", topic).isEqualTo(partitions);
            assertThat(spec.get("replicas")).as("%s replicas", topic).isEqualTo(REPLICATION_FACTOR);
            assertThat(map(spec.get("config"), topic + " config"))
                    .containsEntry("min.insync.replicas", MIN_INSYNC_REPLICAS);
        }
    }

    /**
     * Kafka in the cluster is SASL/SCRAM with ACLs: each service signs in as its own KafkaUser, whose ACLs are exactly
     * what {@link KafkaAccess} declares (the same declaration the secure test cluster and {@code kafka.sh --secure} are
     * made from), and reads its JAAS line from that user's Secret, no other's.
     */
    @ParameterizedTest
    @MethodSource("services")
    void kubernetesGivesEachServiceItsOwnKafkaUserWithTheAclsKafkaAccessDeclares(String service) {
        String serviceName = moduleProperties(service).get("techex.service.name");
        String user = KafkaAccess.user("", serviceName);
        Map<String, Object> kafka = ofKind(k8s(K8S_DATA), "Kafka").getFirst();
        List<Map<String, Object>> users = ofKind(k8s(K8S_KAFKA_USERS), "KafkaUser").stream()
                .filter(u -> user.equals(name(u))).toList();
        assertThat(users).as("KafkaUser %s in k8s/kafka-users", user).hasSize(1);
        Map<String, Object> kafkaUser = users.getFirst();
        assertThat(labels(kafkaUser)).containsEntry("strimzi.io/cluster", name(kafka));
        Map<String, Object> spec = map(kafkaUser.get("spec"), user + " spec");
        assertThat(map(spec.get("authentication"), "authentication")).containsEntry("type", "scram-sha-512");
        Map<String, Object> authorization = map(spec.get("authorization"), "authorization");
        assertThat(authorization).containsEntry("type", "simple");
        Set<String> granted = new TreeSet<>();
        for (Map<String, Object> acl : maps(authorization.get("acls"), user + " acls")) {
            Map<String, Object> resource = map(acl.get("resource"), "resource");
            assertThat(acl.get("host")).as("%s: any host", user).isIn(null, "*");
            for (Object operation : list(acl.get("operations"), "operations")) {
                granted.add(resource.get("type") + " " + resource.get("name") + " " + resource.get("patternType") + " " + operation);
            }
        }
        Set<String> declared = new TreeSet<>();
        for (AclBinding binding : KafkaAccess.acls("", serviceName)) {
            assertThat(binding.entry().principal()).isEqualTo("User:" + user);
            declared.add(binding.pattern().resourceType().name().toLowerCase(Locale.ROOT) + " " + binding.pattern().name()
                    + " " + switch (binding.pattern().patternType()) {
                        case LITERAL -> "literal";
                        case PREFIXED -> "prefix";
                        default -> fail("pattern type %s has no Strimzi name here", binding.pattern().patternType());
                    } + " " + strimziOperation(binding.entry().operation().name()));
        }
        assertThat(granted).as("ACLs of KafkaUser %s against KafkaAccess", user).isEqualTo(declared);

        Map<String, Object> container = deploymentContainer(artifactId(service));
        List<Map<String, Object>> jaas = maps(container.getOrDefault("env", List.of()), "env").stream()
                .filter(e -> "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG".equals(e.get("name"))).toList();
        assertThat(jaas).as("%s's SASL login", service).hasSize(1);
        Map<String, Object> secretRef = map(map(jaas.getFirst().get("valueFrom"), "valueFrom").get("secretKeyRef"), "secretKeyRef");
        assertThat(secretRef).as("%s reads its own user's Secret", service)
                .containsEntry("name", user).containsEntry("key", SASL_JAAS_CONFIG_KEY);
        Map<String, String> env = kubernetesEnvironmentValues(container);
        assertThat(env).as("%s's Kafka security", service)
                .containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512");
    }

    /** The brokers ask every client for SCRAM, authorise by ACL, and make users' Secrets where the services run. */
    @Test
    void kubernetesKafkaAuthenticatesEveryClientAndAuthorisesByAcl() {
        Map<String, Object> kafka = ofKind(k8s(K8S_DATA), "Kafka").getFirst();
        Map<String, Object> spec = map(kafka.get("spec"), "Kafka spec");
        Map<String, Object> broker = map(spec.get("kafka"), "spec.kafka");
        assertThat(maps(broker.get("listeners"), "listeners")).as("listeners").isNotEmpty().allSatisfy(listener ->
                assertThat(map(listener.get("authentication"), listener.get("name") + " authentication"))
                        .containsEntry("type", "scram-sha-512"));
        assertThat(map(broker.get("authorization"), "authorization")).containsEntry("type", "simple");
        Map<String, Object> userOperator = map(map(spec.get("entityOperator"), "entityOperator").get("userOperator"), "userOperator");
        assertThat(userOperator.get("watchedNamespace")).as("the user operator makes Secrets in the services' namespace")
                .isEqualTo(namespace());
    }

    /** Strimzi's spelling of a Kafka ACL operation: DESCRIBE_CONFIGS is DescribeConfigs. */
    private static String strimziOperation(String kafkaName) {
        StringBuilder name = new StringBuilder();
        for (String word : kafkaName.split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

    /**
     * CloudNativePG's cluster of three instances, bootstrapped with the database and owner the services log in as;
     * the services use its read-write Service.
     */
    @Test
    void kubernetesPostgresIsACloudNativePgClusterOfThreeWithTheServicesDatabaseAndLogin() {
        List<Map<String, Object>> data = k8s(K8S_DATA);
        List<Map<String, Object>> clusters = ofKind(data, "Cluster").stream()
                .filter(c -> String.valueOf(c.get("apiVersion")).startsWith("postgresql.cnpg.io/")).toList();
        assertThat(clusters).as("CloudNativePG clusters in k8s/data").hasSize(1);
        Map<String, Object> cluster = clusters.getFirst();
        Map<String, Object> spec = map(cluster.get("spec"), "Cluster spec");
        assertThat(spec.get("instances")).as("instances: a primary and two replicas").isEqualTo(3);
        assertThat(map(spec.get("resources"), "Cluster resources")).containsKeys("requests", "limits");
        Map<String, Object> initdb = map(map(spec.get("bootstrap"), "bootstrap").get("initdb"), "bootstrap.initdb");

        String url = manifest("ConfigMap", "techex-config").get("data") instanceof Map<?, ?> config
                ? String.valueOf(config.get("SPRING_DATASOURCE_URL")) : null;
        assertThat(url).as("the services' database").isEqualTo("jdbc:postgresql://" + name(cluster) + "-rw."
                + namespaceOf(cluster) + ".svc:5432/" + initdb.get("database"));

        String ownerSecret = String.valueOf(map(initdb.get("secret"), "initdb.secret").get("name"));
        Map<String, String> owner = data(data.stream().filter(m -> "Secret".equals(m.get("kind")))
                .filter(m -> ownerSecret.equals(name(m))).findFirst()
                .orElseGet(() -> fail("Secret %s in k8s/data", ownerSecret)));
        assertThat(owner.get("username")).as("the owner's login").isEqualTo(initdb.get("owner"));
        Map<String, Object> roles = new LinkedHashMap<>();
        maps(map(spec.get("managed"), "Cluster managed").get("roles"), "managed roles")
                .forEach(role -> roles.put(String.valueOf(role.get("name")), role));
        for (String service : serviceModules()) {
            Map<String, String> env = kubernetesEnvironmentValues(deploymentContainer(service));
            assertThat(env.get("SPRING_FLYWAY_USER")).as("%s migrates as the database's owner", service)
                    .isEqualTo(initdb.get("owner"));
            String role = "techex_" + service.replace("-service", "");
            assertThat(env.get("SPRING_DATASOURCE_USERNAME")).as("%s runs as its own role", service).isEqualTo(role);
            Map<String, Object> managed = map(roles.get(role), "managed role " + role);
            assertThat(managed).as("role %s logs in", role).containsEntry("login", true);
            String passwordSecret = String.valueOf(map(managed.get("passwordSecret"), role + " passwordSecret").get("name"));
            Map<String, String> login = data(data.stream().filter(m -> "Secret".equals(m.get("kind")))
                    .filter(m -> passwordSecret.equals(name(m))).findFirst()
                    .orElseGet(() -> fail("Secret %s in k8s/data", passwordSecret)));
            assertThat(login.get("username")).as("Secret %s names role %s", passwordSecret, role).isEqualTo(role);
        }
    }

    /** Prometheus scrapes every service's Service on its metrics path, and alerts with the rules of alerts.yml. */
    @Test
    void prometheusScrapesEveryServiceAndAlertsWithTheRulesOfAlertsYml() {
        List<Map<String, Object>> monitoring = k8s(K8S_MONITORING);
        List<Map<String, Object>> monitors = ofKind(monitoring, "ServiceMonitor");
        assertThat(monitors).as("ServiceMonitors").hasSize(1);
        Map<String, Object> monitor = monitors.getFirst();
        assertThat(monitor.get("apiVersion")).isEqualTo("monitoring.coreos.com/v1");
        Map<String, Object> spec = map(monitor.get("spec"), "ServiceMonitor spec");
        Map<String, Object> selector = map(spec.get("selector"), "selector");
        List<Map<String, Object>> endpoints = maps(spec.get("endpoints"), "endpoints");
        assertThat(endpoints).allSatisfy(e -> assertThat(e.get("path")).isEqualTo(PROMETHEUS_PATH));
        for (String service : serviceModules()) {
            Map<String, Object> svc = manifest("Service", service);
            assertThat(selects(selector, labels(svc))).as("the ServiceMonitor selects Service %s", service).isTrue();
            Set<Object> portNames = new TreeSet<>();
            maps(map(svc.get("spec"), "spec").get("ports"), "ports").forEach(p -> portNames.add(String.valueOf(p.get("name"))));
            assertThat(endpoints).as("the ServiceMonitor scrapes a named port of Service %s", service)
                    .anySatisfy(e -> assertThat(portNames).contains(String.valueOf(e.get("port"))));
            assertThat(moduleProperties(service).get("management.endpoints.web.exposure.include"))
                    .as("%s leaves the platform's exposure (prometheus among it) as it is", service).isNull();
        }
        assertThat(read(ROOT.resolve("infra/platform/src/main/resources/techex-defaults.properties")))
                .containsPattern("(?m)^management\\.endpoints\\.web\\.exposure\\.include=.*\\bprometheus\\b");
        for (Map<String, Object> m : k8s()) {
            if ("Service".equals(m.get("kind")) && !serviceModules().contains(name(m))) {
                assertThat(selects(selector, labels(m))).as("the ServiceMonitor leaves Service %s, which has no %s, alone",
                        name(m), PROMETHEUS_PATH).isFalse();
            }
        }

        List<Map<String, Object>> rules = ofKind(monitoring, "PrometheusRule");
        assertThat(rules).as("PrometheusRules").hasSize(1);
        Map<String, Object> alerts = map(loadAll(DEPLOY.resolve("prometheus/alerts.yml")).getFirst(), "alerts.yml");
        assertThat(map(rules.getFirst().get("spec"), "PrometheusRule spec").get("groups"))
                .as("the PrometheusRule's groups are alerts.yml's").isEqualTo(alerts.get("groups"));
    }

    /** Whether a label selector (matchLabels, matchExpressions with In, NotIn, Exists, DoesNotExist) matches. */
    static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        if (selector.get("matchLabels") != null
                && !labels.entrySet().containsAll(map(selector.get("matchLabels"), "matchLabels").entrySet())) {
            return false;
        }
        for (Map<String, Object> e : maps(selector.getOrDefault("matchExpressions", List.of()), "matchExpressions")) {
            Object value = labels.get(String.valueOf(e.get("key")));
            List<Object> values = e.get("values") == null ? List.of() : list(e.get("values"), "values");
            boolean match = switch (String.valueOf(e.get("operator"))) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> fail("unknown selector operator %s", e.get("operator"));
            };
            if (!match) {
                return false;
            }
        }
        return true;
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> manifests, String kind) {
        return manifests.stream().filter(m -> kind.equals(m.get("kind"))).toList();
    }

    static Map<String, Object> labels(Map<String, Object> manifest) {
        Object labels = map(manifest.get("metadata"), "metadata").get("labels");
        return labels == null ? Map.of() : map(labels, "labels");
    }

    static String namespaceOf(Map<String, Object> manifest) {
        return String.valueOf(map(manifest.get("metadata"), "metadata").get("namespace"));
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
        return k8s(K8S);
    }

    /** Every document of every manifest the kustomization in {@code dir} lists. */
    static List<Map<String, Object>> k8s(Path dir) {
        Map<String, Object> kustomization = map(loadAll(dir.resolve("kustomization.yaml")).getFirst(), "kustomization");
        List<Map<String, Object>> manifests = new ArrayList<>();
        for (Object resource : list(kustomization.get("resources"), "resources")) {
            for (Object doc : loadAll(dir.resolve(String.valueOf(resource)))) {
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
