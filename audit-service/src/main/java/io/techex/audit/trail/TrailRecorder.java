package io.techex.audit.trail;

import io.cloudevents.CloudEvent;
import io.techex.audit.log.AuditLogConfiguration;
import io.techex.audit.log.LogEntryForm;
import io.techex.audit.log.TrailSource;
import io.techex.platform.consumer.EventInbox;
import io.techex.platform.consumer.InboundEvent;
import io.techex.platform.consumer.PoisonMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Appends every public event of the exchange to the trail, once each: the inbox records the CloudEvent id in the
 * same transaction as the trail entry, so a redelivered event adds nothing. With the entry go the CloudEvent's
 * canonical form, where it came from on Kafka, and a place in the sequencer's queue; the {@code LogSequencer} later
 * gives it its index in the Merkle log and its leaf, which also names the asset's previous leaf. The read models that
 * follow the trail ({@link TrailFollower}) are told in the same transaction.
 *
 * <h2>A poll at a time</h2>
 * The records of one poll are recorded in one transaction with a handful of statements, whatever their number: one
 * commit (a disk flush) per event held the trail to a few hundred events a second. What one record at a time
 * guaranteed still holds:
 * <ul>
 *   <li>the first record with a CloudEvent id, in the poll's order (each partition's order), is the one recorded;</li>
 *   <li>{@code log_time} is computed record by record along each partition, from the partition's last entry;</li>
 *   <li>a poison message goes to the dead-letter topic and nothing else is lost or recorded twice: the records before
 *       it are recorded first, then it is reported by its place ({@link BatchListenerFailedException}), so that the
 *       container commits the offsets before it, recovers it, and delivers the rest again;</li>
 *   <li>a failure of the batch as a whole is retried record by record, so that the one at fault is found and
 *       reported by its place, and retried (a database outage) or recovered (poison) as before.</li>
 * </ul>
 */
@Component
class TrailRecorder {

    static final String CONSUMER = "trail";
    static final String LISTING_DRAFTED = "io.techex.listing.ListingDrafted.v1";
    static final String LISTING_DRAFT_REVISED = "io.techex.listing.ListingDraftRevised.v1";

    private static final Logger log = LoggerFactory.getLogger(TrailRecorder.class);
    private static final LogAccessor DESERIALIZATION_LOG = new LogAccessor(TrailRecorder.class);

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
    void on(List<ConsumerRecord<String, CloudEvent>> records) {
        List<Inbound> readable = new ArrayList<>(records.size());
        for (ConsumerRecord<String, CloudEvent> record : records) {
            InboundEvent event;
            try {
                event = read(record);
            } catch (RuntimeException poison) {
                recordInOrder(readable);
                throw new BatchListenerFailedException(poison.getMessage(), poison, record);
            }
            readable.add(new Inbound(record, event));
        }
        recordInOrder(readable);
    }

    /**
     * A record that did not deserialize reaches a batch listener with no value and the failure in a header: it is
     * poison like one that breaks its contract (the dead-letter recoverer sends its original bytes).
     */
    private static InboundEvent read(ConsumerRecord<String, CloudEvent> record) {
        if (record.value() == null) {
            DeserializationException failure = SerializationUtils.getExceptionFromHeader(record,
                    SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, DESERIALIZATION_LOG);
            if (failure != null) {
                throw failure;
            }
            throw new PoisonMessage("Record " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + " has no value");
        }
        return InboundEvent.from(record.value());
    }

    private void recordInOrder(List<Inbound> batch) {
        try {
            record(batch);
        } catch (RuntimeException batchFailure) {
            if (batch.size() == 1) {
                throw new BatchListenerFailedException(batchFailure.getMessage(), batchFailure, batch.getFirst().record());
            }
            log.warn("Recording {} trail events at once failed ({}); recording them one at a time to find the one at fault",
                    batch.size(), batchFailure.toString());
            for (Inbound one : batch) {
                try {
                    record(List.of(one));
                } catch (RuntimeException failure) {
                    throw new BatchListenerFailedException(failure.getMessage(), failure, one.record());
                }
            }
        }
    }

    private void record(List<Inbound> batch) {
        if (!batch.isEmpty()) {
            inbox.handleOnce(CONSUMER, batch, Inbound::event, this::append);
        }
    }

    private void append(List<Inbound> fresh) {
        int n = fresh.size();
        String[] eventIds = new String[n];
        String[] assetIds = new String[n];
        String[] types = new String[n];
        String[] sources = new String[n];
        String[] occurredAt = new String[n];
        String[] persons = new String[n];
        String[] organisations = new String[n];
        String[] roles = new String[n];
        String[] data = new String[n];
        String[] services = new String[n];
        int[] partitions = new int[n];
        long[] offsets = new long[n];
        long[] logTimes = new long[n];
        String[] canonical = new String[n];
        Map<PartitionOf, Long> lastLogTime = lastLogTimes(fresh);
        for (int i = 0; i < n; i++) {
            ConsumerRecord<String, CloudEvent> record = fresh.get(i).record();
            InboundEvent event = fresh.get(i).event();
            PartitionOf partition = PartitionOf.of(record);
            // the record's timestamp, never below its predecessor's on the partition: the log's order rests on it
            Long previous = lastLogTime.get(partition);
            long logTime = previous == null ? record.timestamp() : Math.max(previous, record.timestamp());
            lastLogTime.put(partition, logTime);
            // an event without a time is shown at its record's time: a fact of the topic, the same on every replay
            Instant occurred = event.time() == null ? Instant.ofEpochMilli(record.timestamp()) : event.time();
            var actor = event.actor();
            eventIds[i] = event.id();
            assetIds[i] = event.subject();
            types[i] = event.type();
            sources[i] = event.source();
            occurredAt[i] = occurred.toString();
            persons[i] = actor == null ? null : actor.personId();
            organisations[i] = actor == null ? null : actor.organisationId();
            roles[i] = actor == null ? null : actor.role().name();
            data[i] = event.data().toString();
            services[i] = partition.service();
            partitions[i] = partition.partition();
            offsets[i] = record.offset();
            logTimes[i] = logTime;
            canonical[i] = LogEntryForm.canonical(record.value(), event.data());
        }
        // in the batch's order, so that position (the order received) numbers them as one at a time would
        jdbc.update("""
                INSERT INTO trail_entry (event_id, asset_id, event_type, source, occurred_at, actor_person, actor_org,
                    actor_role, data, source_service, kafka_partition, kafka_offset, log_time, canonical)
                SELECT e.event_id, e.asset_id, e.event_type, e.source, e.occurred_at::timestamptz, e.actor_person,
                    e.actor_org, e.actor_role, e.data::json, e.source_service, e.kafka_partition, e.kafka_offset,
                    e.log_time, e.canonical
                FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::text[], ?::varchar[],
                    ?::varchar[], ?::varchar[], ?::text[], ?::varchar[], ?::int[], ?::bigint[], ?::bigint[], ?::text[])
                    WITH ORDINALITY AS e(event_id, asset_id, event_type, source, occurred_at, actor_person, actor_org,
                        actor_role, data, source_service, kafka_partition, kafka_offset, log_time, canonical, n)
                ORDER BY e.n""",
                eventIds, assetIds, types, sources, occurredAt, persons, organisations, roles, data, services,
                partitions, offsets, logTimes, canonical);
        // with its place in the log's order, by which the sequencer takes them
        jdbc.update("""
                INSERT INTO log_pending (event_id, log_time, source_service, kafka_partition, kafka_offset)
                SELECT * FROM unnest(?::varchar[], ?::bigint[], ?::varchar[], ?::int[], ?::bigint[])""",
                eventIds, logTimes, services, partitions, offsets);
        StatementBatch headlines = new StatementBatch(jdbc);
        for (Inbound inbound : fresh) {
            InboundEvent event = inbound.event();
            switch (event.type()) {
                case LISTING_DRAFTED -> {
                    var drafted = event.dataAs(ListingDraftedHeadline.class);
                    headlines.add("""
                            INSERT INTO asset (asset_id, seller_organisation_id, title_vi, title_en) VALUES (?, ?, ?, ?)
                            ON CONFLICT (asset_id) DO NOTHING""",
                            drafted.listingId(), drafted.sellerOrganisationId(), drafted.title().vi(), drafted.title().en());
                }
                case LISTING_DRAFT_REVISED -> {
                    var revised = event.dataAs(ListingHeadline.class);
                    headlines.add("UPDATE asset SET title_vi = ?, title_en = ? WHERE asset_id = ?",
                            revised.title().vi(), revised.title().en(), revised.listingId());
                }
                default -> {
                    // every other event is in the trail and says nothing new about the asset's headline
                }
            }
        }
        headlines.flush();
        List<InboundEvent> events = fresh.stream().map(Inbound::event).toList();
        followers.forEach(follower -> follower.recorded(events));
    }

    /** The log_time of the last entry of each partition the batch has records of, one query for them all. */
    private Map<PartitionOf, Long> lastLogTimes(List<Inbound> batch) {
        Set<PartitionOf> partitions = new LinkedHashSet<>();
        batch.forEach(inbound -> partitions.add(PartitionOf.of(inbound.record())));
        Map<PartitionOf, Long> last = new HashMap<>();
        jdbc.query("""
                SELECT p.service, p.partition, (SELECT t.log_time FROM trail_entry t
                    WHERE t.source_service = p.service AND t.kafka_partition = p.partition
                    ORDER BY t.kafka_offset DESC LIMIT 1)
                FROM unnest(?::varchar[], ?::int[]) AS p(service, partition)""",
                row -> {
                    long logTime = row.getLong(3);
                    if (!row.wasNull()) {
                        last.put(new PartitionOf(row.getString(1), row.getInt(2)), logTime);
                    }
                },
                partitions.stream().map(PartitionOf::service).toArray(String[]::new),
                partitions.stream().mapToInt(PartitionOf::partition).toArray());
        return last;
    }

    private record Inbound(ConsumerRecord<String, CloudEvent> record, InboundEvent event) {
    }

    /** A partition as the log names it: by service, whatever namespace prefixes the topic. */
    private record PartitionOf(String service, int partition) {
        static PartitionOf of(ConsumerRecord<?, ?> record) {
            return new PartitionOf(TrailSource.serviceOf(record.topic()), record.partition());
        }
    }
}
