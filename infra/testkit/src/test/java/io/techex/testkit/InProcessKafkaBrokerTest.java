package io.techex.testkit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class InProcessKafkaBrokerTest {

    @Test
    void aRestartedBrokerKeepsItsRecordsAndCommittedOffsetsOnTheSameAddress() throws Exception {
        try (InProcessKafkaBroker broker = InProcessKafkaBroker.start()) {
            String address = broker.bootstrapServers();
            try (var producer = producer(address)) {
                for (int i = 0; i < 5; i++) {
                    producer.send(new ProducerRecord<>("kept", "k", "before-" + i)).get();
                }
            }
            try (var consumer = consumer(address, "group-a")) {
                assertThat(readAtLeast(consumer, 3)).startsWith("before-0", "before-1", "before-2");
                consumer.commitSync();
            }

            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            try (var producer = producer(address)) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>("kept", "k", "lost")).get())
                        .isInstanceOf(ExecutionException.class);
            }

            broker.restart();
            assertThat(broker.bootstrapServers()).isEqualTo(address);
            try (var producer = producer(address)) {
                producer.send(new ProducerRecord<>("kept", "k", "after")).get();
            }
            try (var consumer = consumer(address, "fresh-group")) {
                assertThat(readAtLeast(consumer, 6)).containsExactly("before-0", "before-1", "before-2", "before-3", "before-4", "after");
            }
            try (var consumer = consumer(address, "group-a")) {
                // group-a committed after reading everything it had polled: it resumes past those records
                assertThat(readAtLeast(consumer, 1)).doesNotContain("before-0").contains("after");
            }
        }
    }

    private static KafkaProducer<String, String> producer(String address) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, address,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    private static KafkaConsumer<String, String> consumer(String address, String group) {
        var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, address,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        consumer.subscribe(List.of("kept"));
        return consumer;
    }

    private static List<String> readAtLeast(KafkaConsumer<String, String> consumer, int count) {
        List<String> values = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                values.add(record.value());
            }
            return values.size() >= count;
        });
        return values;
    }
}
