package io.techex.testkit;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a secure {@link KafkaCluster} authenticates and authorizes: clients (and brokers among themselves) use
 * SASL_PLAINTEXT with SCRAM-SHA-512 on the client listener, brokers reach the controllers with SASL/PLAIN, and the
 * KRaft {@code StandardAuthorizer} lets nobody do anything an ACL does not grant, except the super user
 * {@value #ADMIN}. Which service may do what is declared in the platform ({@code io.techex.platform.events.KafkaAccess}),
 * which creates the services' SCRAM users and ACLs.
 */
public final class KafkaSecurity {

    /** The super user: brokers, controllers and whoever creates users and ACLs. */
    public static final String ADMIN = "admin";
    public static final String SECURITY_PROTOCOL = "SASL_PLAINTEXT";
    public static final String MECHANISM = "SCRAM-SHA-512";
    /** Where {@link KafkaBrokerMain} and the nodes it starts read the admin's password (never a command line). */
    public static final String ADMIN_PASSWORD_ENV = "TECHEX_KAFKA_ADMIN_PASSWORD";

    private static final String CLIENT_LISTENER = "SASL_PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private KafkaSecurity() {
    }

    /** A random password of letters and digits, which need no quoting in a JAAS line or a SCRAM argument. */
    public static String randomPassword() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            password.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return password.toString();
    }

    /**
     * The {@code sasl.jaas.config} a SCRAM client logs in with, as a service sets it in
     * {@code spring.kafka.properties.sasl.jaas.config}.
     */
    public static String jaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + checked(user)
                + "\" password=\"" + checked(password) + "\";";
    }

    /** Client settings (producer, consumer, admin) of {@code user} on {@code bootstrapServers}. */
    public static Map<String, Object> clientConfig(String bootstrapServers, String user, String password) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("security.protocol", SECURITY_PROTOCOL);
        config.put("sasl.mechanism", MECHANISM);
        config.put("sasl.jaas.config", jaasConfig(user, password));
        return config;
    }

    /** Listeners, SASL and the authorizer of one node whose super user {@value #ADMIN} has {@code adminPassword}. */
    static Map<String, String> brokerProperties(int port, int controllerPort, String adminPassword) {
        String password = checked(adminPassword);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("listeners", CLIENT_LISTENER + "://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:"
                + controllerPort);
        p.put("advertised.listeners", CLIENT_LISTENER + "://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", CLIENT_LISTENER + ":SASL_PLAINTEXT," + CONTROLLER_LISTENER
                + ":SASL_PLAINTEXT");
        p.put("inter.broker.listener.name", CLIENT_LISTENER);
        p.put("sasl.enabled.mechanisms", MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        p.put("listener.name.sasl_plaintext.sasl.enabled.mechanisms", MECHANISM);
        p.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config", jaasConfig(ADMIN, password));
        // SCRAM credentials live in the metadata the controllers serve, so controllers cannot use SCRAM themselves:
        // PLAIN with the one user in the configuration, as Kafka documents for KRaft
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.put("listener.name.controller.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN
                        + "\" password=\"" + password + "\" user_" + ADMIN + "=\"" + password + "\";");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", "User:" + ADMIN);
        p.put("allow.everyone.if.no.acl.found", "false");
        return p;
    }

    /** The {@code kafka-storage format --add-scram} argument giving {@value #ADMIN} its credential from the start. */
    static String bootstrapScramCredential(String adminPassword) {
        return MECHANISM + "=[name=" + ADMIN + ",password=" + checked(adminPassword) + "]";
    }

    private static String checked(String value) {
        if (value == null || value.isEmpty() || !value.chars().allMatch(c -> c < 128
                && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.'))) {
            throw new IllegalArgumentException("Kafka user names and passwords here are letters, digits, '-', '_' "
                    + "and '.', so that they need no quoting");
        }
        return value;
    }
}
