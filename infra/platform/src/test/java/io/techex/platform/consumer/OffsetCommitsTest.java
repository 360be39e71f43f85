package io.techex.platform.consumer;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventSerializer;
import io.techex.testkit.TestInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListener;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform's event consumers on the test kit's broker: how often they commit their offsets while events come in
 * one at a time, as they do under load, and that what they processed is committed when they stop.
 */
class OffsetCommitsTest {

    /** Commits and polls with records, by consumer group, counted by the consumer itself. */
    public static final class Counting implements ConsumerInterceptor<String, CloudEvent> {

        static final Map<String, AtomicInteger> COMMITS = new ConcurrentHashMap<>();
        static final Map<String, AtomicInteger> POLLS_WITH_RECORDS = new ConcurrentHashMap<>();

        private String group;

        @Override
        public void configure(Map<String, ?> configs) {
            group = (String) configs.get(ConsumerConfig.GROUP_ID_CONFIG);
        }

        @Override
        public ConsumerRecords<String, CloudEvent> onConsume(ConsumerRecords<String, CloudEvent> records) {
            if (!records.isEmpty()) {
                POLLS_WITH_RECORDS.computeIfAbsent(group, g -> new AtomicInteger()).incrementAndGet();
            }
            return records;
        }

        @Override
        public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
            COMMITS.computeIfAbsent(group, g -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void eventsArrivingOneAPollAreCommittedOncePerIntervalAndAllOfThemWhenTheConsumerStops() throws Exception {
        String bootstrap = TestInfrastructure.get().kafkaBootstrapServers();
        String topic = "commits-" + UUID.randomUUID();
        String group = "commits-" + UUID.randomUUID();
        TopicPartition partition = new TopicPartition(topic, 0);
        Duration interval = DurationStyle.detectAndParse(EventConsumerConfiguration.DEFAULT_COMMIT_INTERVAL);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             KafkaProducer<String, CloudEvent> producer = producer(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            ConcurrentMessageListenerContainer<String, CloudEvent> container = container(bootstrap, topic, group, interval);
            container.setupMessageListener((MessageListener<String, CloudEvent>) record -> received.add(record.value().getId()));
            container.start();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> !container.getAssignedPartitions().isEmpty());

                // each event sent once the one before it was handled: one record a poll, for three intervals
                long started = System.nanoTime();
                long sent = 0;
                while (System.nanoTime() - started < 3 * interval.toNanos()) {
                    String id = "event-" + sent;
                    producer.send(new ProducerRecord<>(topic, "asset-1", event(id))).get(10, TimeUnit.SECONDS);
                    sent++;
                    assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(id);
                }
                long elapsedIntervals = (System.nanoTime() - started) / interval.toNanos() + 1;

                int polls = Counting.POLLS_WITH_RECORDS.get(group).get();
                assertThat(polls).as("polls that brought records").isEqualTo(sent).isGreaterThan(30);
                // a commit after every poll is one per event; here one per interval, and maybe one as the last ends
                assertThat(Counting.COMMITS.getOrDefault(group, new AtomicInteger()).get())
                        .as("commits while %d events came in one a poll over %d intervals", sent, elapsedIntervals)
                        .isLessThanOrEqualTo((int) elapsedIntervals + 1);

                container.stop();
                await().atMost(Duration.ofSeconds(30)).until(() -> !container.isRunning());
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS).get(partition);
                assertThat(committed).as("the group's offset once the consumer stopped").isNotNull();
                assertThat(committed.offset()).isEqualTo(sent);
            } finally {
                container.stop();
            }
        }
    }

    /** A container of the platform's listener factory, its consumer counting commits ({@link Counting}) by group. */
    static ConcurrentMessageListenerContainer<String, CloudEvent> container(String bootstrap, String topic, String group,
                                                                           Duration interval) {
        KafkaProperties properties = new KafkaProperties();
        properties.setBootstrapServers(List.of(bootstrap));
        properties.getConsumer().getProperties().put(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, Counting.class.getName());
        EventConsumerConfiguration configuration = new EventConsumerConfiguration();
        var factory = configuration.cloudEventListenerFactory(configuration.cloudEventConsumerFactory(properties),
                new DefaultErrorHandler(), 1, interval);
        ConcurrentMessageListenerContainer<String, CloudEvent> container = factory.createContainer(topic);
        container.getContainerProperties().setGroupId(group);
        return container;
    }

    /** A producer with the relay's settings that matter here: acks=all, idempotent, a short linger. */
    static KafkaProducer<String, CloudEvent> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class,
                CloudEventSerializer.ENCODING_CONFIG, Encoding.STRUCTURED,
                CloudEventSerializer.EVENT_FORMAT_CONFIG, JsonFormat.CONTENT_TYPE));
    }

    private static CloudEvent event(String id) {
        return event(id, "io.techex.commitstest.Noted.v1", "{\"n\":1}");
    }

    static CloudEvent event(String id, String type, String json) {
        return CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create("/techex/commits-test"))
                .withType(type)
                .withSubject("asset-1")
                .withDataContentType("application/json")
                .withData(json.getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
