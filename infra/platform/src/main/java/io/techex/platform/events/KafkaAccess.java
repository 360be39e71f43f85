package io.techex.platform.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Which Kafka topics each service writes and reads: the one place that says so, from which each service's SASL/SCRAM
 * user and ACLs are made on a secure cluster. A service writes its own events (the relay) and its own dead letters,
 * reads the events of the services it consumes ({@code techex.kafka.consumes} in its configuration, which must name
 * the same services, a test checks) and uses consumer groups {@code techex.<service>.*} only. It may create the topics
 * it writes or reads and read their configuration, which its start-up check does ({@link TopicSafety}). Anything
 * else, such as another service's topic or dead letters, is refused by the broker.
 *
 * <p>User names are the service names, prefixed by the namespace when there is one, as topic names are.
 */
public final class KafkaAccess {

    /** SCRAM iterations: Kafka's minimum for SCRAM-SHA-512 is 4096. */
    private static final int ITERATIONS = 8192;

    /** A service and the services whose events it reads. */
    public record ServiceAccess(String service, List<String> reads) {

        public ServiceAccess {
            reads = List.copyOf(reads);
        }
    }

    /** Every service that uses Kafka (the web console does not). */
    public static final List<ServiceAccess> SERVICES = List.of(
            new ServiceAccess("listing", List.of("bidding", "contract")),
            new ServiceAccess("bidding", List.of("listing")),
            new ServiceAccess("contract", List.of("listing", "bidding")),
            new ServiceAccess("audit", List.of("listing", "bidding", "contract")),
            new ServiceAccess("notification", List.of("listing", "bidding", "contract")));

    private KafkaAccess() {
    }

    /** The declared access of {@code service}. */
    public static ServiceAccess of(String service) {
        return SERVICES.stream().filter(s -> s.service().equals(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No Kafka access is declared for service " + service));
    }

    /** The Kafka user of {@code service} in {@code namespace} (may be empty). */
    public static String user(String namespace, String service) {
        String name = of(service).service();
        return namespace == null || namespace.isBlank() ? name : namespace.strip() + "." + name;
    }

    /** The topics {@code service} writes in {@code namespace}: its events and its dead letters. */
    public static List<String> writes(String namespace, String service) {
        Topics topics = topics(namespace, of(service));
        return List.of(topics.events(), topics.deadLetters());
    }

    /** The topics {@code service} reads in {@code namespace}. */
    public static List<String> reads(String namespace, String service) {
        return topics(namespace, of(service)).consumed();
    }

    /** Every ACL of {@code service} in {@code namespace}. */
    public static List<AclBinding> acls(String namespace, String service) {
        Topics topics = topics(namespace, of(service));
        String principal = "User:" + user(namespace, service);
        List<AclBinding> acls = new ArrayList<>();
        for (String topic : writes(namespace, service)) {
            for (AclOperation operation : List.of(AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.CREATE,
                    AclOperation.DESCRIBE_CONFIGS)) {
                acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, operation));
            }
        }
        for (String topic : topics.consumed()) {
            // CREATE too: a consumer may start before the producing service ever ran, and creates the topic as safe
            for (AclOperation operation : List.of(AclOperation.READ, AclOperation.DESCRIBE, AclOperation.CREATE,
                    AclOperation.DESCRIBE_CONFIGS)) {
                acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, operation));
            }
        }
        // Every group of this service's consumers, and no other service's
        acls.add(allow(principal, ResourceType.GROUP, topics.group(""), PatternType.PREFIXED, AclOperation.READ));
        return acls;
    }

    /**
     * Creates (or resets the password of) every service's SCRAM user in {@code namespace} with the password
     * {@code passwords} holds for it, and grants each its ACLs. Run as a super user.
     */
    public static void apply(Admin admin, String namespace, Map<String, String> passwords)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<UserScramCredentialAlteration> users = new ArrayList<>();
        List<AclBinding> acls = new ArrayList<>();
        for (ServiceAccess access : SERVICES) {
            String password = passwords.get(access.service());
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("No Kafka password for service " + access.service());
            }
            users.add(new UserScramCredentialUpsertion(user(namespace, access.service()),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), password));
            acls.addAll(acls(namespace, access.service()));
        }
        admin.alterUserScramCredentials(users).all().get(60, TimeUnit.SECONDS);
        admin.createAcls(acls).all().get(60, TimeUnit.SECONDS);
    }

    /**
     * Creates the services' users and ACLs on a running secure cluster and prints each service's Spring Boot
     * settings ({@code infra/deploy/kafka.sh --secure} runs this). Reads {@code TECHEX_KAFKA_BOOTSTRAP_SERVERS},
     * {@code TECHEX_KAFKA_ADMIN_PASSWORD}, {@code TECHEX_NAMESPACE} (optional) and each service's password from
     * {@code TECHEX_KAFKA_<SERVICE>_PASSWORD}, which must be set.
     */
    public static void main(String[] args) throws Exception {
        String bootstrap = required("TECHEX_KAFKA_BOOTSTRAP_SERVERS");
        String namespace = System.getenv().getOrDefault("TECHEX_NAMESPACE", "");
        Map<String, String> passwords = new LinkedHashMap<>();
        for (ServiceAccess access : SERVICES) {
            passwords.put(access.service(), required("TECHEX_KAFKA_" + access.service().toUpperCase() + "_PASSWORD"));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", bootstrap);
        config.put("security.protocol", "SASL_PLAINTEXT");
        config.put("sasl.mechanism", "SCRAM-SHA-512");
        config.put("sasl.jaas.config", jaasConfig("admin", required("TECHEX_KAFKA_ADMIN_PASSWORD")));
        // The cluster may still be starting: the admin client retries until then
        config.put("default.api.timeout.ms", 180_000);
        try (Admin admin = Admin.create(config)) {
            apply(admin, namespace, passwords);
        }
        for (ServiceAccess access : SERVICES) {
            System.out.printf("%s-service: SPRING_KAFKA_BOOTSTRAP_SERVERS=%s SPRING_KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT"
                            + " SPRING_KAFKA_PROPERTIES_SASL_MECHANISM=SCRAM-SHA-512"
                            + " SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG='%s'%n", access.service(), bootstrap,
                    jaasConfig(user(namespace, access.service()), passwords.get(access.service())));
        }
    }

    /** The {@code sasl.jaas.config} (Spring Boot: {@code spring.kafka.properties.sasl.jaas.config}) of a user. */
    public static String jaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private static String required(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(variable + " is not set");
        }
        return value;
    }

    private static Topics topics(String namespace, ServiceAccess access) {
        return new Topics(namespace, access.service(), access.reads(), 1, (short) 1);
    }

    private static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern,
                                    AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
