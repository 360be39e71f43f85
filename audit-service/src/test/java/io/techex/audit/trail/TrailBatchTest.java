package io.techex.audit.trail;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventSerializer;
import io.techex.audit.AuditTestSupport;
import io.techex.platform.consumer.InboundEvent;
import io.techex.platform.consumer.PoisonMessage;
import io.techex.platform.events.Topics;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.KafkaRecords;
import io.techex.testkit.TestEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.TestPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Poison inside one poll's batch: the records before it are recorded once, it goes to the dead-letter topic with its
 * reason, and those after it are recorded once when delivered again; also when the poison only shows in the
 * recording's transaction (a follower refusing it), which rolls the whole batch back.
 */
@IntegrationTest
// a context of its own: a follower that refuses some events, and a consumer group whose polls the test controls
@TestPropertySource(properties = "techex.audit.log.consumer=batch")
@Import(TrailBatchTest.Refusing.class)
class TrailBatchTest {

    /** Subjects of events the refusing follower turns down as poison. */
    static final String REFUSED = "refused-";

    @Autowired
    Topics topics;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestEnvironment env;
    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void poisonAmongGoodRecordsOfOnePollGoesToTheDeadLetterTopicAndTheGoodOnesAreRecordedOnce() throws Exception {
        String asset = UUID.randomUUID().toString();
        String topic = topics.eventsOf("listing");
        CloudEvent good1 = revised(asset);
        CloudEvent good2 = revised(asset);
        CloudEvent good3 = revised(asset);
        CloudEvent good4 = revised(asset);
        CloudEvent good5 = revised(asset);
        CloudEvent breaksContract = AuditTestSupport.event("listing", "io.techex.listing.ListingDrafted.v1", asset,
                "{\"listingId\":\"" + asset + "\"}", Instant.now(), "lan.nguyen", "hust", "UNIVERSITY");
        CloudEvent refused = CloudEventBuilder.v1(revised(asset)).withSubject(REFUSED + asset).build();

        MessageListenerContainer trail = listeners.getListenerContainer("audit-trail");
        trail.stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> !trail.isRunning());
        // all on one partition (one key) while nothing reads it, so that one poll delivers them together
        try (var events = new KafkaProducer<String, CloudEvent>(producerConfig(CloudEventSerializer.class));
             var raw = new KafkaProducer<String, byte[]>(producerConfig(ByteArraySerializer.class))) {
            events.send(new ProducerRecord<>(topic, asset, good1)).get();
            events.send(new ProducerRecord<>(topic, asset, good2)).get();
            raw.send(new ProducerRecord<>(topic, asset, "not a cloud event".getBytes(StandardCharsets.UTF_8))).get();
            events.send(new ProducerRecord<>(topic, asset, good3)).get();
            events.send(new ProducerRecord<>(topic, asset, refused)).get();
            events.send(new ProducerRecord<>(topic, asset, good4)).get();
            events.send(new ProducerRecord<>(topic, asset, breaksContract)).get();
            events.send(new ProducerRecord<>(topic, asset, good2)).get();
            events.send(new ProducerRecord<>(topic, asset, good5)).get();
        }
        trail.start();

        List<KafkaRecords.Received> deadLetters;
        try (var reader = KafkaRecords.read(env.kafkaBootstrapServers(), topics.deadLetters())) {
            deadLetters = reader.await(seen -> ofKey(seen, asset).size() >= 3, Duration.ofSeconds(60));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> entries(asset).contains(good5.getId()));

        assertThat(entries(asset)).containsExactly(good1.getId(), good2.getId(), good3.getId(), good4.getId(), good5.getId());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM trail_entry WHERE asset_id = ?", Integer.class, REFUSED + asset))
                .as("the refused event's entry went with its transaction").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE event_id = ANY(?)", Integer.class,
                (Object) new String[]{good1.getId(), good2.getId(), good3.getId(), good4.getId(), good5.getId(),
                        refused.getId(), breaksContract.getId()}))
                .as("the good ones once each, the poison not at all").isEqualTo(5);
        assertThat(jdbc.queryForList("""
                SELECT log_time FROM trail_entry WHERE asset_id = ? ORDER BY kafka_offset""", Long.class, asset)).isSorted();

        List<KafkaRecords.Received> poison = ofKey(deadLetters, asset);
        assertThat(poison).hasSize(3);
        assertThat(new String(poison.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not a cloud event");
        assertThat(poison.get(0).header("kafka_dlt-exception-message")).hasValueSatisfying(reason -> assertThat(reason).isNotBlank());
        assertThat(poison.get(1).header("kafka_dlt-exception-message"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("refuses " + refused.getId()));
        assertThat(new String(poison.get(1).value(), StandardCharsets.UTF_8)).contains(refused.getId());
        assertThat(poison.get(2).header("kafka_dlt-exception-message"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("breaks io.techex.listing.ListingDrafted.v1"));
        assertThat(new String(poison.get(2).value(), StandardCharsets.UTF_8)).contains(breaksContract.getId());
        assertThat(poison).allSatisfy(letter ->
                assertThat(letter.header("kafka_dlt-original-topic")).contains(topic));
    }

    private CloudEvent revised(String asset) {
        return AuditTestSupport.sampled("io.techex.listing.ListingDraftRevised.v1", asset, Instant.now(),
                "lan.nguyen", "hust", "UNIVERSITY");
    }

    private List<String> entries(String assetId) {
        return jdbc.queryForList("SELECT event_id FROM trail_entry WHERE asset_id = ? ORDER BY kafka_offset", String.class,
                assetId);
    }

    private static List<KafkaRecords.Received> ofKey(List<KafkaRecords.Received> records, String key) {
        return records.stream().filter(record -> key.equals(record.key())).toList();
    }

    private Map<String, Object> producerConfig(Class<?> valueSerializer) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, valueSerializer,
                CloudEventSerializer.ENCODING_CONFIG, Encoding.STRUCTURED,
                CloudEventSerializer.EVENT_FORMAT_CONFIG, JsonFormat.CONTENT_TYPE);
    }

    /** A read model that turns down some events as poison, which only shows once the batch is being recorded. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Refusing {
        @Bean
        TrailFollower refusingFollower() {
            return events -> events.stream().filter(event -> event.subject().startsWith(REFUSED)).findFirst()
                    .ifPresent(Refusing::refuse);
        }

        private static void refuse(InboundEvent event) {
            throw new PoisonMessage("The test's follower refuses " + event.id());
        }
    }
}
