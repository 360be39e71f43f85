package io.techex.audit.trail;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.techex.contracts.ContractCheck;
import io.techex.contracts.EventContracts;
import io.techex.platform.events.Topics;
import io.techex.platform.relay.CloudEventMapper;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The trail recorder against a real broker and database: once per event, poison to the dead-letter topic. */
@IntegrationTest
class TrailRecorderTest {

    @Autowired
    KafkaTemplate<String, CloudEvent> cloudEvents;
    @Autowired
    Topics topics;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestEnvironment env;

    @Test
    void aRedeliveredEventIsRecordedOnce() throws Exception {
        String listingId = UUID.randomUUID().toString();
        CloudEvent drafted = listingDrafted(listingId, sample("io.techex.listing.ListingDrafted.v1", listingId));
        cloudEvents.send(topics.eventsOf("listing"), listingId, drafted).get();
        cloudEvents.send(topics.eventsOf("listing"), listingId, drafted).get();
        CloudEvent later = listingDrafted(listingId, sample("io.techex.listing.ListingDrafted.v1", listingId));
        cloudEvents.send(topics.eventsOf("listing"), listingId, later).get();

        // the later event proves the duplicate was read and skipped, not still in flight
        await().atMost(Duration.ofSeconds(20)).until(() -> entries(listingId).contains(later.getId()));
        assertThat(entries(listingId)).containsExactly(drafted.getId(), later.getId());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE event_id = ?", Integer.class, drafted.getId()))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT actor_person FROM trail_entry WHERE event_id = ?", String.class, drafted.getId()))
                .isEqualTo("lan.nguyen");
    }

    @Test
    void poisonMessagesGoToTheDeadLetterTopicWithTheReasonAndThePartitionKeepsFlowing() throws Exception {
        String listingId = UUID.randomUUID().toString();
        String topic = topics.eventsOf("listing");
        try (var raw = new KafkaProducer<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            raw.send(new ProducerRecord<>(topic, listingId, "not a cloud event".getBytes(StandardCharsets.UTF_8))).get();
        }
        var breaksContract = sample("io.techex.listing.ListingDrafted.v1", listingId).replace("\"readinessLevel\":6", "\"readinessLevel\":42");
        CloudEvent invalid = listingDrafted(listingId, breaksContract);
        cloudEvents.send(topic, listingId, invalid).get();
        CloudEvent valid = listingDrafted(listingId, sample("io.techex.listing.ListingDrafted.v1", listingId));
        cloudEvents.send(topic, listingId, valid).get();

        await().atMost(Duration.ofSeconds(30)).until(() -> entries(listingId).contains(valid.getId()));
        assertThat(entries(listingId)).containsExactly(valid.getId());

        List<KafkaRecords.Received> deadLetters = deadLettersFor(listingId, 2);
        assertThat(deadLetters).hasSize(2);
        assertThat(header(deadLetters.get(0), "kafka_dlt-exception-message")).isNotBlank();
        assertThat(new String(deadLetters.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not a cloud event");
        assertThat(header(deadLetters.get(1), "kafka_dlt-exception-message")).contains("readinessLevel");
        assertThat(header(deadLetters.get(1), "kafka_dlt-original-topic")).isEqualTo(topic);
    }

    @Test
    void auditsViewOfListingEventsStillReadsWhatListingServiceSends() {
        ContractCheck.assertConsumerReads("io.techex.listing.ListingDrafted.v1", ListingDraftedHeadline.class);
        ContractCheck.assertConsumerReads("io.techex.listing.ListingDraftRevised.v1", ListingHeadline.class);
    }

    private List<String> entries(String assetId) {
        return jdbc.queryForList("SELECT event_id FROM trail_entry WHERE asset_id = ? ORDER BY position", String.class, assetId);
    }

    private List<KafkaRecords.Received> deadLettersFor(String key, int expected) {
        try (var reader = KafkaRecords.read(env.kafkaBootstrapServers(), topics.deadLetters())) {
            return ofKey(reader.await(seen -> ofKey(seen, key).size() >= expected, Duration.ofSeconds(20)), key);
        }
    }

    private static List<KafkaRecords.Received> ofKey(List<KafkaRecords.Received> records, String key) {
        return records.stream().filter(record -> key.equals(record.key())).toList();
    }

    private static String header(KafkaRecords.Received record, String name) {
        return record.header(name).orElse(null);
    }

    private static String sample(String type, String listingId) {
        var sample = EventContracts.find(type).orElseThrow().sample().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) sample).put("listingId", listingId);
        return sample.toString();
    }

    private static CloudEvent listingDrafted(String listingId, String data) {
        return CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create("/techex/listing-service"))
                .withType("io.techex.listing.ListingDrafted.v1")
                .withSubject(listingId)
                .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(data.getBytes(StandardCharsets.UTF_8))
                .withExtension(CloudEventMapper.PARTITION_KEY, listingId)
                .withExtension(CloudEventMapper.ACTOR_PERSON, "lan.nguyen")
                .withExtension(CloudEventMapper.ACTOR_ORGANISATION, "hust")
                .withExtension(CloudEventMapper.ACTOR_ROLE, "UNIVERSITY")
                .build();
    }
}
