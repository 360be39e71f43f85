package io.techex.platform.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.techex.testkit.KafkaCluster;
import io.techex.testkit.KafkaSecurity;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The declared Kafka access ({@link KafkaAccess}) on a real secure cluster of three Kafka processes, shared by every
 * test here: SASL/SCRAM-SHA-512 on the client listener and the KRaft authorizer with the ACLs made from the
 * declaration. Each service is the platform's Kafka configuration with the Spring Boot properties a service is given
 * ({@code spring.kafka.security.protocol}, {@code spring.kafka.properties.sasl.*}), not the whole service.
 */
class KafkaAccessTest {

    private static final String NAMESPACE = "secure" + UUID.randomUUID().toString().substring(0, 8);

    private static KafkaCluster cluster;
    private static Admin admin;
    private static final Map<String, String> passwords = new LinkedHashMap<>();

    @BeforeAll
    static void startSecureCluster() throws Exception {
        cluster = KafkaCluster.start(3, KafkaSecurity.randomPassword());
        admin = Admin.create(cluster.adminConfig());
        for (KafkaAccess.ServiceAccess access : KafkaAccess.SERVICES) {
            passwords.put(access.service(), KafkaSecurity.randomPassword());
        }
        long started = System.nanoTime();
        KafkaAccess.apply(admin, NAMESPACE, passwords);
        System.out.printf("SCRAM users and ACLs of %d services created in %d ms%n", passwords.size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    @AfterAll
    static void stopCluster() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aServiceCreatesAndWritesItsOwnTopicsAndReadsTheEventsItConsumesInItsOwnGroup() {
        service("listing").run(listing -> {
            assertThat(listing).hasNotFailed();
            KafkaTemplate<String, String> template = template(listing);
            send(template, topic("listing", "events"), "listing-1", "published");
            send(template, topic("listing", "dlt"), "listing-1", "unreadable");

            service("bidding").run(bidding -> {
                assertThat(bidding).hasNotFailed();
                send(template(bidding), topic("bidding", "events"), "auction-1", "bid");
                Topics topics = bidding.getBean(Topics.class);
                try (Consumer<String, String> consumer = consumerFactory(bidding)
                        .createConsumer(topics.group("biddable-listings"), null, null)) {
                    consumer.subscribe(topics.consumed());
                    List<String> received = new ArrayList<>();
                    await("listing's event read by bidding").atMost(Duration.ofSeconds(60)).until(() -> {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                            received.add(record.value());
                        }
                        return received.contains("published");
                    });
                    consumer.commitSync(Duration.ofSeconds(30));
                }
                // As audit-service reads its progress: an admin client with the service's own Kafka settings
                try (Admin own = Admin.create(bidding.getBean(KafkaAdmin.class).getConfigurationProperties())) {
                    assertThat(own.listConsumerGroupOffsets(topics.group("biddable-listings"))
                            .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)).isNotEmpty();
                    assertThat(refusal(() -> {
                        try {
                            own.listConsumerGroupOffsets(NAMESPACE + ".techex.listing.deals")
                                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    })).isInstanceOf(GroupAuthorizationException.class);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        });
    }

    @Test
    void aServiceCannotWriteAnotherServicesTopics() {
        ensureTopics(topic("listing", "events"), topic("bidding", "events"), topic("audit", "dlt"));
        service("bidding").run(bidding -> {
            assertThat(bidding).hasNotFailed();
            assertThat(refusal(() -> send(template(bidding), topic("listing", "events"), "listing-1", "forged")))
                    .isInstanceOf(TopicAuthorizationException.class);
        });
        service("notification").run(notification -> {
            assertThat(notification).hasNotFailed();
            KafkaTemplate<String, String> template = template(notification);
            assertThat(refusal(() -> send(template, topic("bidding", "events"), "auction-1", "forged bid")))
                    .isInstanceOf(TopicAuthorizationException.class);
            assertThat(refusal(() -> send(template, topic("audit", "dlt"), "x", "forged")))
                    .isInstanceOf(TopicAuthorizationException.class);
        });
    }

    @Test
    void bidsAreReadOnlyByWhomTheyAreGrantedTo() throws Exception {
        String bids = topic("bidding", "events");
        String biddingDeadLetters = topic("bidding", "dlt");
        ensureTopics(bids, biddingDeadLetters);

        // Valid credentials, no grant: a principal the declaration does not name
        String intruder = NAMESPACE + ".reporting";
        String intruderPassword = KafkaSecurity.randomPassword();
        admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(intruder,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), intruderPassword)))
                .all().get(30, TimeUnit.SECONDS);
        try (Consumer<String, String> consumer = consumer(intruder, intruderPassword, null)) {
            consumer.assign(List.of(new TopicPartition(bids, 0)));
            assertThat(pollUntilRefused(consumer)).isInstanceOf(TopicAuthorizationException.class);
        }
        // A service that reads bids reads neither bidding's dead letters nor with another service's group
        String listing = KafkaAccess.user(NAMESPACE, "listing");
        try (Consumer<String, String> consumer = consumer(listing, passwords.get("listing"), null)) {
            consumer.assign(List.of(new TopicPartition(biddingDeadLetters, 0)));
            assertThat(pollUntilRefused(consumer)).isInstanceOf(TopicAuthorizationException.class);
        }
        String contractsGroup = NAMESPACE + ".techex.contract.contracts";
        try (Consumer<String, String> consumer = consumer(listing, passwords.get("listing"), contractsGroup)) {
            consumer.subscribe(List.of(bids));
            assertThat(pollUntilRefused(consumer)).isInstanceOf(GroupAuthorizationException.class);
        }
        // The same consumer settings with a group of its own are allowed: what was refused is the grant, not them
        try (Consumer<String, String> consumer = consumer(listing, passwords.get("listing"),
                NAMESPACE + ".techex.listing.deals")) {
            consumer.subscribe(List.of(bids));
            await("listing's own group joined").atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200));
                return !consumer.assignment().isEmpty();
            });
        }
    }

    private static ApplicationContextRunner service(String service) {
        KafkaAccess.ServiceAccess access = KafkaAccess.of(service);
        return new ApplicationContextRunner()
                // As SpringApplication sets it, so that "listing,bidding" binds as a list
                .withInitializer(context -> context.getBeanFactory()
                        .setConversionService(ApplicationConversionService.getSharedInstance()))
                .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, KafkaTopicsConfiguration.class))
                .withPropertyValues("spring.kafka.bootstrap-servers=" + cluster.bootstrapServers(),
                        // What README's Kafka section gives a service for a secure cluster
                        "spring.kafka.security.protocol=SASL_PLAINTEXT",
                        "spring.kafka.properties.sasl.mechanism=SCRAM-SHA-512",
                        "spring.kafka.properties.sasl.jaas.config="
                                + KafkaAccess.jaasConfig(KafkaAccess.user(NAMESPACE, service), passwords.get(service)),
                        "spring.kafka.consumer.auto-offset-reset=earliest",
                        "spring.kafka.producer.acks=all",
                        "techex.namespace=" + NAMESPACE,
                        "techex.service.name=" + service,
                        "techex.kafka.consumes=" + String.join(",", access.reads()),
                        "techex.kafka.topics.partitions=3",
                        "techex.kafka.topics.replication-factor=3",
                        "techex.kafka.topics.min-insync-replicas=2");
    }

    @SuppressWarnings("unchecked")
    private static KafkaTemplate<String, String> template(org.springframework.context.ApplicationContext app) {
        return app.getBean(KafkaTemplate.class);
    }

    @SuppressWarnings("unchecked")
    private static ConsumerFactory<String, String> consumerFactory(org.springframework.context.ApplicationContext app) {
        return app.getBean(ConsumerFactory.class);
    }

    private static void send(KafkaTemplate<String, String> template, String topic, String key, String value) {
        try {
            template.send(topic, key, value).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Sending to " + topic + " failed", e);
        }
    }

    private static Consumer<String, String> consumer(String user, String password, String group) {
        Map<String, Object> config = new LinkedHashMap<>(cluster.clientConfig(user, password));
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return new KafkaConsumer<>(config);
    }

    /** Polls until the broker refuses, and returns the refusal; a consumer that is let through fails the test. */
    private static Throwable pollUntilRefused(Consumer<String, String> consumer) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                consumer.poll(Duration.ofMillis(200));
            } catch (RuntimeException e) {
                return e;
            }
        }
        throw new AssertionError("The broker let the consumer through for 30 s");
    }

    /** The authorization failure somewhere in the causes of what {@code action} threw. */
    private static Throwable refusal(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof TopicAuthorizationException || t instanceof GroupAuthorizationException) {
                    return t;
                }
            }
            throw new AssertionError("Refused, but not by authorization", e);
        }
        throw new AssertionError("The broker accepted what it should have refused");
    }

    private static void ensureTopics(String... names) {
        new TopicSafety(3, (short) 3, 2, Duration.ofSeconds(30)).ensure(admin, List.of(names));
    }

    private static String topic(String service, String kind) {
        return NAMESPACE + ".techex." + service + "." + kind;
    }
}
