package io.techex.audit.trail;

import io.cloudevents.CloudEvent;
import io.techex.audit.log.AuditLogConfiguration;
import io.techex.audit.log.LogEntryForm;
import io.techex.audit.log.TrailSource;
import io.techex.platform.consumer.EventInbox;
import io.techex.platform.consumer.InboundEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Appends every public event of the exchange to the trail, once each: the inbox records the CloudEvent id in the
 * same transaction as the trail entry, so a redelivered event adds nothing. With the entry go the CloudEvent's
 * canonical form, where it came from on Kafka, and a place in the sequencer's queue; the {@code LogSequencer} later
 * gives it its index in the Merkle log and its leaf, which also names the asset's previous leaf. The read models that
 * follow the trail ({@link TrailFollower}) are told in the same transaction.
 */
@Component
class TrailRecorder {

    static final String CONSUMER = "trail";
    static final String LISTING_DRAFTED = "io.techex.listing.ListingDrafted.v1";
    static final String LISTING_DRAFT_REVISED = "io.techex.listing.ListingDraftRevised.v1";

    private final EventInbox inbox;
    private final JdbcTemplate jdbc;
    private final List<TrailFollower> followers;

    TrailRecorder(EventInbox inbox, JdbcTemplate jdbc, List<TrailFollower> followers) {
        this.inbox = inbox;
        this.jdbc = jdbc;
        this.followers = followers;
    }

    @KafkaListener(id = "audit-trail", topics = "#{@topics.consumed()}",
            groupId = "#{@topics.group('${techex.audit.log.consumer:trail}')}",
            containerFactory = AuditLogConfiguration.LISTENER_FACTORY)
    void on(ConsumerRecord<String, CloudEvent> record) {
        CloudEvent cloudEvent = record.value();
        inbox.handleOnce(CONSUMER, InboundEvent.from(cloudEvent), event -> append(record, event));
    }

    private void append(ConsumerRecord<String, CloudEvent> record, InboundEvent event) {
        String service = TrailSource.serviceOf(record.topic());
        // the record's timestamp, never below its predecessor's on the partition: the log's order rests on it
        List<Long> previous = jdbc.queryForList("""
                SELECT log_time FROM trail_entry WHERE source_service = ? AND kafka_partition = ?
                ORDER BY kafka_offset DESC LIMIT 1""", Long.class, service, record.partition());
        long logTime = previous.isEmpty() ? record.timestamp() : Math.max(previous.getFirst(), record.timestamp());
        // an event without a time is shown at its record's time: a fact of the topic, the same on every replay
        Instant occurredAt = event.time() == null ? Instant.ofEpochMilli(record.timestamp()) : event.time();
        String canonical = LogEntryForm.canonical(record.value(), event.data());
        var actor = event.actor();
        jdbc.update("""
                INSERT INTO trail_entry (event_id, asset_id, event_type, source, occurred_at, actor_person, actor_org,
                    actor_role, data, source_service, kafka_partition, kafka_offset, log_time, canonical)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)""",
                event.id(), event.subject(), event.type(), event.source(), Timestamp.from(occurredAt),
                actor == null ? null : actor.personId(), actor == null ? null : actor.organisationId(),
                actor == null ? null : actor.role().name(), event.data().toString(),
                service, record.partition(), record.offset(), logTime, canonical);
        jdbc.update("INSERT INTO log_pending (event_id) VALUES (?)", event.id());
        switch (event.type()) {
            case LISTING_DRAFTED -> {
                var drafted = event.dataAs(ListingDraftedHeadline.class);
                jdbc.update("""
                        INSERT INTO asset (asset_id, seller_organisation_id, title_vi, title_en) VALUES (?, ?, ?, ?)
                        ON CONFLICT (asset_id) DO NOTHING""",
                        drafted.listingId(), drafted.sellerOrganisationId(), drafted.title().vi(), drafted.title().en());
            }
            case LISTING_DRAFT_REVISED -> {
                var revised = event.dataAs(ListingHeadline.class);
                jdbc.update("UPDATE asset SET title_vi = ?, title_en = ? WHERE asset_id = ?",
                        revised.title().vi(), revised.title().en(), revised.listingId());
            }
            default -> {
                // every other event is in the trail and says nothing new about the asset's headline
            }
        }
        followers.forEach(follower -> follower.recorded(event));
    }
}
