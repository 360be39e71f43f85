package io.techex.platform.events;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.techex.testkit.TestInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The topic settings on the test kit's single broker, and against no broker at all. */
class TopicSafetyTest {

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, KafkaTopicsConfiguration.class))
            .withPropertyValues("techex.service.name=bidding", "techex.kafka.consumes=listing");

    @Test
    void theMissingTopicsAreCreatedWithTheConfiguredPartitionsAndMinInsyncReplicas() throws Exception {
        String bootstrap = TestInfrastructure.get().kafkaBootstrapServers();
        String namespace = "safety" + UUID.randomUUID().toString().substring(0, 8);
        service.withPropertyValues("spring.kafka.bootstrap-servers=" + bootstrap, "techex.namespace=" + namespace,
                        "techex.kafka.topics.partitions=2")
                .run(app -> assertThat(app).hasNotFailed());

        List<String> names = List.of(namespace + ".techex.bidding.events", namespace + ".techex.bidding.dlt",
                namespace + ".techex.listing.events");
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(config)) {
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(2));
            for (String name : names) {
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
                var entry = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                        .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
                // Set on the topic itself, not inherited from whatever the broker's default is
                assertThat(entry.source()).as("where %s's min.insync.replicas comes from", name)
                        .isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
                assertThat(entry.value()).isEqualTo("1");
            }
        }
    }

    @Test
    void everyPartitionOfATopicCreatedAtStartTakesAWriteAsSoonAsTheServiceHasStarted() throws Exception {
        // A partition its leader has not opened yet refuses the write (NOT_LEADER_OR_FOLLOWER); with retries off that
        // refusal fails the send, where an idempotent producer could lose the batch's place for good (KAFKA-15591)
        String bootstrap = TestInfrastructure.get().kafkaBootstrapServers();
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        config.put(ProducerConfig.RETRIES_CONFIG, 0);
        List<String> refused = new ArrayList<>();
        int written = 0;
        try (Producer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (int round = 0; round < 8; round++) {
                String namespace = "open" + UUID.randomUUID().toString().substring(0, 8);
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                service.withPropertyValues("spring.kafka.bootstrap-servers=" + bootstrap, "techex.namespace=" + namespace)
                        .run(app -> {
                            assertThat(app).hasNotFailed();
                            for (String topic : List.of(namespace + ".techex.bidding.events", namespace + ".techex.bidding.dlt",
                                    namespace + ".techex.listing.events")) {
                                for (int partition = 0; partition < 6; partition++) {
                                    sent.add(producer.send(new ProducerRecord<>(topic, partition, "asset", "{}")));
                                }
                            }
                        });
                for (Future<RecordMetadata> send : sent) {
                    try {
                        send.get(30, TimeUnit.SECONDS);
                        written++;
                    } catch (ExecutionException e) {
                        refused.add(e.getCause().toString());
                    }
                }
            }
        }
        assertThat(refused).as("writes refused right after the service started").isEmpty();
        assertThat(written).isEqualTo(8 * 3 * 6);
    }

    @Test
    void aBrokerThatDoesNotAnswerSkipsTheCheckWithinTheTimeoutAndTheServiceStarts() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        long started = System.nanoTime();
        service.withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:" + closedPort, "techex.namespace=absent",
                        "techex.kafka.topics.check-timeout=2s")
                .run(app -> assertThat(app).hasNotFailed());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aMinimumOfInsyncReplicasAboveTheReplicationFactorIsRefusedAtOnce() {
        assertThatThrownBy(() -> new TopicSafety(6, (short) 1, 2, Duration.ofSeconds(1)))
                .hasMessageContaining("min-insync-replicas (2) exceeds replication-factor (1)");
    }
}
