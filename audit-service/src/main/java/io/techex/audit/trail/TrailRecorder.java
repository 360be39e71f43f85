package io.techex.audit.trail;

import io.cloudevents.CloudEvent;
import io.techex.platform.consumer.EventConsumerConfiguration;
import io.techex.platform.consumer.EventInbox;
import io.techex.platform.consumer.InboundEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Appends every public event of the exchange to the trail, once each: the inbox records the CloudEvent id in the
 * same transaction as the trail entry, so a redelivered event adds nothing.
 */
@Component
class TrailRecorder {

    static final String CONSUMER = "trail";
    static final String LISTING_DRAFTED = "io.techex.listing.ListingDrafted.v1";
    static final String LISTING_DRAFT_REVISED = "io.techex.listing.ListingDraftRevised.v1";

    private final EventInbox inbox;
    private final JdbcTemplate jdbc;

    TrailRecorder(EventInbox inbox, JdbcTemplate jdbc) {
        this.inbox = inbox;
        this.jdbc = jdbc;
    }

    @KafkaListener(id = "audit-trail", topics = "#{@topics.consumed()}", groupId = "#{@topics.group('trail')}",
            containerFactory = EventConsumerConfiguration.LISTENER_FACTORY)
    void on(CloudEvent cloudEvent) {
        inbox.handleOnce(CONSUMER, InboundEvent.from(cloudEvent), this::append);
    }

    private void append(InboundEvent event) {
        Instant occurredAt = event.time() == null ? Instant.now() : event.time();
        var actor = event.actor();
        jdbc.update("""
                INSERT INTO trail_entry (event_id, asset_id, event_type, source, occurred_at, actor_person, actor_org,
                    actor_role, data)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""",
                event.id(), event.subject(), event.type(), event.source(), Timestamp.from(occurredAt),
                actor == null ? null : actor.personId(), actor == null ? null : actor.organisationId(),
                actor == null ? null : actor.role().name(), event.data().toString());
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
    }
}
