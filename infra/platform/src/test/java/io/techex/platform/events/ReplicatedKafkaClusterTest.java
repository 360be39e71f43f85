package io.techex.platform.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.techex.testkit.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform's topics on a real cluster of three Kafka processes, which every test of this class shares (starting
 * one takes up to a minute on two busy cores): a service refuses topics less safe than configured, and neither a
 * partition leader nor the active controller killed under load loses an acknowledged record.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicatedKafkaClusterTest {

    private static final String SERVICE = "bidding";

    private static KafkaCluster cluster;
    private static Admin admin;

    @BeforeAll
    static void startCluster() {
        cluster = KafkaCluster.start(3);
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        admin = Admin.create(config);
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

    /** A test after the one that kills a node finds the cluster whole again; costs nothing when it is. */
    @BeforeEach
    void wholeCluster() {
        cluster.restartStopped();
    }

    @Test
    @Order(1)
    void aServiceRefusesToStartOnATopicWithFewerReplicasThanConfigured() throws Exception {
        String namespace = namespace();
        String events = namespace + ".techex." + SERVICE + ".events";
        createTopic(events, 1, 1);

        service(namespace).run(app -> {
            assertThat(app).hasFailed();
            assertThat(unsafeTopic(app.getStartupFailure()))
                    .hasMessageContaining(events + " has 1 replicas, 3 are configured")
                    .hasMessageContaining("techex.kafka.topics.replication-factor");
        });
    }

    @Test
    @Order(2)
    void aServiceRefusesToStartOnATopicWithALowerMinInsyncReplicasThanConfigured() throws Exception {
        String namespace = namespace();
        String events = namespace + ".techex." + SERVICE + ".events";
        createTopic(events, 3, 1);

        service(namespace).run(app -> {
            assertThat(app).hasFailed();
            assertThat(unsafeTopic(app.getStartupFailure()))
                    .hasMessageContaining(events + " has min.insync.replicas 1, 2 is configured");
        });
    }

    @Test
    @Order(3)
    void aServiceStartsOnTopicsAsSafeAsConfiguredAndCreatesTheMissingOnesSo() throws Exception {
        String namespace = namespace();
        String events = namespace + ".techex." + SERVICE + ".events";
        createTopic(events, 3, 2);

        service(namespace).run(app -> assertThat(app).hasNotFailed());

        String deadLetters = namespace + ".techex." + SERVICE + ".dlt";
        String consumed = namespace + ".techex.listing.events";
        Map<String, TopicDescription> created = admin.describeTopics(List.of(deadLetters, consumed))
                .allTopicNames().get(30, TimeUnit.SECONDS);
        assertThat(created.values()).allSatisfy(topic -> {
            assertThat(topic.partitions()).hasSize(3);
            assertThat(topic.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
        });
        for (String name : List.of(deadLetters, consumed)) {
            assertThat(minInsyncReplicas(name)).as("min.insync.replicas of %s", name).isEqualTo("2");
        }
    }

    /**
     * Under one steady load, from an idempotent producer with acks=all and a consumer that both run throughout, two
     * machines die one after the other (SIGKILL): first the leader of the partition that takes most of the load, then,
     * once that node is back and in sync, the active KRaft controller. The consumer holds its positions itself (no
     * group), so any duplicate it sees is one Kafka delivered; the exchange's consumers would also drop it by
     * CloudEvent id, but must not need to.
     */
    @Test
    @Order(4)
    void killingABusyPartitionsLeaderThenTheActiveControllerLosesNoAcknowledgedRecordAndNeedsNoRestart()
            throws Exception {
        String namespace = namespace();
        String topic = namespace + ".techex." + SERVICE + ".events";
        // The platform creates the topic, as a service would at start
        service(namespace).run(app -> assertThat(app).hasNotFailed());
        assertThat(minInsyncReplicas(topic)).isEqualTo("2");

        Map<String, List<Long>> acknowledged = new ConcurrentHashMap<>();
        Map<String, List<Long>> consumed = new ConcurrentHashMap<>();
        Map<String, Integer> partitionOfKey = new ConcurrentHashMap<>();
        List<Exception> sendFailures = new CopyOnWriteArrayList<>();
        AtomicReference<Kill> lastKill = new AtomicReference<>();
        AtomicBoolean consuming = new AtomicBoolean(true);
        // The busy key takes every other record, the other eleven share the rest
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            keys.add("auction-" + i);
        }
        Map<String, AtomicLong> nextSequence = new ConcurrentHashMap<>();

        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        Thread consumerThread;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
            consumerThread = Thread.ofPlatform().name("cluster-test-consumer").start(() ->
                    consume(topic, consumed, partitionOfKey, consuming, lastKill));
            AtomicInteger tick = new AtomicInteger();
            // Steady load, ~1,000 records a second: each send is timed by the scheduler, nothing here sleeps
            load.scheduleAtFixedRate(() -> {
                for (int i = 0; i < 10; i++) {
                    int n = tick.getAndIncrement();
                    String key = n % 2 == 0 ? "busy" : keys.get((n / 2) % keys.size());
                    long sequence = nextSequence.computeIfAbsent(key, k -> new AtomicLong()).getAndIncrement();
                    long sentAt = System.nanoTime();
                    Kill kill = lastKill.get();
                    producer.send(new ProducerRecord<>(topic, key, Long.toString(sequence)), (metadata, error) -> {
                        if (error != null) {
                            sendFailures.add(error);
                            return;
                        }
                        // Callbacks of one partition run in send order, so each key's list stays in order
                        acknowledged.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(sequence);
                        if (kill != null && key.equals("busy") && sentAt > kill.atNanos()) {
                            kill.ackedAfter().incrementAndGet();
                            kill.firstAck().compareAndSet(0, System.nanoTime());
                        }
                    });
                }
            }, 0, 10, TimeUnit.MILLISECONDS);

            await("records flowing before the kill").atMost(Duration.ofSeconds(60))
                    .until(() -> consumed.getOrDefault("busy", List.of()).size() >= 500);
            int busyPartition = partitionOfKey.get("busy");
            int leader = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic).partitions().get(busyPartition).leader().id();
            killAndAwaitRecovery(leader, "broker " + leader + ", leader of busy partition " + busyPartition,
                    lastKill);

            // Two in-sync replicas again before the next machine dies: otherwise acks=all rightly refuses writes
            long restarting = System.nanoTime();
            cluster.restartStopped();
            await("every replica of " + topic + " in sync again").atMost(Duration.ofSeconds(90))
                    .until(() -> admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                            .get(topic).partitions().stream().allMatch(p -> p.isr().size() == cluster.size()));
            System.out.printf("Broker %d restarted and back in sync in %d ms%n", leader,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarting));

            int controller = admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).leaderId();
            killAndAwaitRecovery(controller, "node " + controller + ", the active KRaft controller", lastKill);
            int newController = admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).leaderId();
            assertThat(newController).as("the controller elected after the kill").isNotEqualTo(controller);

            load.shutdown();
            assertThat(load.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            producer.flush();
        } finally {
            load.shutdownNow();
        }
        try {
            assertThat(sendFailures).as("sends that failed").isEmpty();
            await("every acknowledged record consumed").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    acknowledged.forEach((key, sequences) -> assertThat(consumed.get(key))
                            .as("records of %s consumed", key).hasSizeGreaterThanOrEqualTo(sequences.size())));
        } finally {
            consuming.set(false);
            consumerThread.join(Duration.ofSeconds(10));
        }
        acknowledged.forEach((key, sequences) -> {
            List<Long> received = consumed.get(key);
            assertThat(received).as("%s: each record once, in order", key).isSorted().doesNotHaveDuplicates();
            assertThat(received).as("%s: every acknowledged record", key).containsAll(sequences);
        });
        assertThat(acknowledged.get("busy")).hasSizeGreaterThan(2_500);
    }

    /** One SIGKILL and what came after it: the first busy record sent later, acknowledged and consumed. */
    private record Kill(long atNanos, long atMillis, AtomicInteger ackedAfter, AtomicLong firstAck,
                        AtomicLong firstConsumed) {
    }

    private static void killAndAwaitRecovery(int nodeId, String what, AtomicReference<Kill> lastKill) {
        Kill kill = new Kill(System.nanoTime(), System.currentTimeMillis(), new AtomicInteger(), new AtomicLong(),
                new AtomicLong());
        lastKill.set(kill);
        cluster.kill(nodeId);
        await("records sent after killing " + what + " acknowledged and consumed").atMost(Duration.ofSeconds(60))
                .until(() -> kill.ackedAfter().get() >= 1_000 && kill.firstConsumed().get() != 0);
        System.out.printf("Killed %s: first record sent after the kill acknowledged after %d ms, consumed after %d ms%n",
                what, TimeUnit.NANOSECONDS.toMillis(kill.firstAck().get() - kill.atNanos()),
                TimeUnit.NANOSECONDS.toMillis(kill.firstConsumed().get() - kill.atNanos()));
    }

    private static void consume(String topic, Map<String, List<Long>> consumed, Map<String, Integer> partitionOfKey,
                                AtomicBoolean consuming, AtomicReference<Kill> lastKill) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (consuming.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    consumed.computeIfAbsent(record.key(), k -> new CopyOnWriteArrayList<>())
                            .add(Long.parseLong(record.value()));
                    partitionOfKey.putIfAbsent(record.key(), record.partition());
                    Kill kill = lastKill.get();
                    // A record's timestamp is when the producer, on this machine, sent it
                    if (kill != null && record.key().equals("busy") && record.timestamp() > kill.atMillis()) {
                        kill.firstConsumed().compareAndSet(0, System.nanoTime());
                    }
                }
            }
        }
    }

    private static Properties producerConfig() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        // As the platform's relay sends
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return config;
    }

    private static ApplicationContextRunner service(String namespace) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, KafkaTopicsConfiguration.class))
                .withPropertyValues("spring.kafka.bootstrap-servers=" + cluster.bootstrapServers(),
                        "techex.namespace=" + namespace,
                        "techex.service.name=" + SERVICE,
                        "techex.kafka.consumes=listing",
                        "techex.kafka.topics.partitions=3",
                        "techex.kafka.topics.replication-factor=3",
                        "techex.kafka.topics.min-insync-replicas=2");
    }

    private static void createTopic(String name, int replicas, int minInsyncReplicas) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, 3, (short) replicas)
                        .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minInsyncReplicas)))))
                .all().get(30, TimeUnit.SECONDS);
    }

    private static String minInsyncReplicas(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value();
    }

    private static TopicSafety.UnsafeTopicException unsafeTopic(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TopicSafety.UnsafeTopicException unsafe) {
                return unsafe;
            }
        }
        throw new AssertionError("The service failed to start for another reason", failure);
    }

    private static String namespace() {
        return "cluster" + UUID.randomUUID().toString().substring(0, 8);
    }
}
