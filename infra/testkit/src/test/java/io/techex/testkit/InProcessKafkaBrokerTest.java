package io.techex.testkit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.techex.testkit.KafkaRecords.Received;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class InProcessKafkaBrokerTest {

    private static final Logger log = LoggerFactory.getLogger(InProcessKafkaBrokerTest.class);
    private static final String TOPIC = "orders";
    private static final String GROUP = "billing";

    @Test
    void recordsAndCommittedOffsetsSurviveARestartOnTheSameAddress() throws Exception {
        long begin = System.nanoTime();
        try (InProcessKafkaBroker broker = InProcessKafkaBroker.start()) {
            long coldStart = millisSince(begin);
            String address = broker.bootstrapServers();
            assertThat(broker.isRunning()).isTrue();

            try (KafkaProducer<String, String> producer = producer(address)) {
                for (int i = 0; i < 10; i++) {
                    ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, "k" + i, "before-" + i);
                    record.headers().add("trace", ("t" + i).getBytes(StandardCharsets.UTF_8));
                    producer.send(record).get(10, TimeUnit.SECONDS);
                }
            }
            Map<TopicPartition, OffsetAndMetadata> committed;
            try (KafkaConsumer<String, String> consumer = consumer(address)) {
                assertThat(pollUntil(consumer, 10)).hasSize(10);
                consumer.commitSync();
                committed = consumer.committed(consumer.assignment());
            }
            assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum()).isEqualTo(10L);

            long stopBegin = System.nanoTime();
            broker.stop();
            long stop = millisSince(stopBegin);
            assertThat(broker.isRunning()).isFalse();
            try (KafkaProducer<String, String> producer = producer(address)) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>(TOPIC, "k", "lost")).get(10, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(TimeoutException.class);
            }

            long restartBegin = System.nanoTime();
            broker.restart();
            long restart = millisSince(restartBegin);
            assertThat(broker.isRunning()).isTrue();
            assertThat(broker.bootstrapServers()).isEqualTo(address);

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address))) {
                assertThat(admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS))
                        .isEqualTo(committed);
            }
            try (KafkaProducer<String, String> producer = producer(address)) {
                for (int i = 0; i < 3; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, "k" + i, "after-" + i)).get(10, TimeUnit.SECONDS);
                }
            }
            try (KafkaConsumer<String, String> consumer = consumer(address)) {
                // The group resumes at its committed offsets: only what came after the restart
                assertThat(pollUntil(consumer, 3)).containsExactlyInAnyOrder("after-0", "after-1", "after-2");
            }
            try (KafkaRecords records = KafkaRecords.read(address, TOPIC)) {
                List<Received> all = records.awaitCount(13);
                assertThat(all).hasSize(13).extracting(Received::valueAsString)
                        .contains("before-0", "before-9", "after-2");
                Received first = records.awaitRecord(r -> "before-4".equals(r.valueAsString()));
                assertThat(first.key()).isEqualTo("k4");
                assertThat(first.header("trace")).contains("t4");
                assertThat(all).extracting(Received::partition).containsOnly(0, 1, 2);
            }
            log.info("In-process Kafka broker: cold start {} ms, stop {} ms, restart {} ms", coldStart, stop, restart);
        }
    }

    @Test
    void aNewBrokerOnAGivenDataDirectoryFindsWhatTheLastOneKept(@TempDir Path dataDir) throws Exception {
        int port;
        try (InProcessKafkaBroker first = InProcessKafkaBroker.start(0, dataDir)) {
            port = first.port();
            try (KafkaProducer<String, String> producer = producer(first.bootstrapServers())) {
                producer.send(new ProducerRecord<>("kept", "k", "from the first run")).get(10, TimeUnit.SECONDS);
            }
        }
        assertThat(dataDir.resolve("log").resolve("meta.properties")).exists();

        try (InProcessKafkaBroker second = InProcessKafkaBroker.start(port, dataDir);
             KafkaRecords records = KafkaRecords.read(second.bootstrapServers(), "kept")) {
            assertThat(records.awaitCount(1)).extracting(Received::valueAsString).containsExactly("from the first run");
        }
    }

    @Test
    void awaitingRecordsThatNeverComeFailsWithWhatWasSeen() throws Exception {
        String address = TestInfrastructure.get().kafkaBootstrapServers();
        String topic = "await-" + System.nanoTime();
        try (KafkaProducer<String, String> producer = producer(address)) {
            producer.send(new ProducerRecord<>(topic, "k", "only one")).get(10, TimeUnit.SECONDS);
        }
        try (KafkaRecords records = KafkaRecords.read(address, topic)) {
            assertThatThrownBy(() -> records.await(seen -> seen.size() >= 2, Duration.ofSeconds(1)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("1 records")
                    .hasMessageContaining("only one");
        }
    }

    private static KafkaProducer<String, String> producer(String address) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, address);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // Short enough that a send to a stopped broker fails within the test
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1500);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(config);
    }

    private static KafkaConsumer<String, String> consumer(String address) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, address,
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        consumer.subscribe(List.of(TOPIC));
        return consumer;
    }

    private static List<String> pollUntil(KafkaConsumer<String, String> consumer, int count) {
        List<String> values = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollInSameThread().pollInterval(Duration.ofMillis(10)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            return values.size() >= count;
        });
        return values;
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }
}
