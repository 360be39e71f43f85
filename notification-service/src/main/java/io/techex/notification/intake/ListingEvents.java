package io.techex.notification.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.techex.notification.addressing.Audience;
import io.techex.notification.addressing.Kind;
import io.techex.notification.feed.NewNotification;
import io.techex.notification.feed.Notifications;
import io.techex.platform.consumer.PoisonMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * listing-service's events: who sells each listing and its titles (kept in {@code listing_fact}); the operator's
 * verdict on a listing's ownership, for its seller; a listing matching a need, for both sides.
 */
@Component
class ListingEvents implements EventHandlers {

    static final String DRAFTED = "io.techex.listing.ListingDrafted.v1";
    static final String DRAFT_REVISED = "io.techex.listing.ListingDraftRevised.v1";
    static final String OWNERSHIP_CHANGED = "io.techex.listing.OwnershipChanged.v1";
    static final String OWNERSHIP_VERIFIED = "io.techex.listing.OwnershipVerified.v1";
    static final String OWNERSHIP_REJECTED = "io.techex.listing.OwnershipRejected.v1";
    /**
     * Being added to listing-service on another branch: a need's owner and a listing's seller learn that they match.
     * Written against the sample in {@code ListingEventsTest}; its contract, once in the contracts folder, is checked
     * by {@code InboundEvent} as every other's.
     */
    static final String MATCH_FOUND = "io.techex.listing.MatchFound.v1";

    private static final Logger log = LoggerFactory.getLogger(ListingEvents.class);

    private final JdbcTemplate jdbc;
    private final Notifications notifications;

    ListingEvents(JdbcTemplate jdbc, Notifications notifications) {
        this.jdbc = jdbc;
        this.notifications = notifications;
    }

    record Titles(String vi, String en) {
    }

    record Drafted(String listingId, String sellerOrganisationId, Titles title) {
    }

    record Revised(String listingId, Titles title) {
    }

    record OwnershipChanged(String listingId, String newOwnerOrganisationId) {
    }

    record Verdict(String listingId, String reason) {
    }

    record MatchFound(String needId, String needOwnerOrganisationId, String listingId, String sellerOrganisationId,
                      BigDecimal score) {
    }

    @Override
    public Map<String, Consumer<Incoming>> byType() {
        return Map.of(DRAFTED, this::drafted, DRAFT_REVISED, this::revised, OWNERSHIP_CHANGED, this::ownershipChanged,
                OWNERSHIP_VERIFIED, incoming -> verdict(incoming, Kind.LISTING_VERIFIED),
                OWNERSHIP_REJECTED, incoming -> verdict(incoming, Kind.LISTING_REJECTED), MATCH_FOUND, this::matchFound);
    }

    private void drafted(Incoming incoming) {
        Drafted drafted = incoming.data(Drafted.class);
        Titles title = drafted.title() == null ? new Titles(null, null) : drafted.title();
        jdbc.update("""
                INSERT INTO listing_fact (listing_id, seller_organisation_id, title_vi, title_en) VALUES (?, ?, ?, ?)
                ON CONFLICT (listing_id) DO NOTHING""",
                drafted.listingId(), drafted.sellerOrganisationId(), title.vi(), title.en());
    }

    private void revised(Incoming incoming) {
        Revised revised = incoming.data(Revised.class);
        if (revised.title() != null) {
            jdbc.update("UPDATE listing_fact SET title_vi = ?, title_en = ? WHERE listing_id = ?",
                    revised.title().vi(), revised.title().en(), revised.listingId());
        }
    }

    private void ownershipChanged(Incoming incoming) {
        OwnershipChanged changed = incoming.data(OwnershipChanged.class);
        jdbc.update("UPDATE listing_fact SET seller_organisation_id = ? WHERE listing_id = ?",
                changed.newOwnerOrganisationId(), changed.listingId());
    }

    private void verdict(Incoming incoming, Kind kind) {
        Verdict verdict = incoming.data(Verdict.class);
        Optional<String> seller = jdbc.queryForList("SELECT seller_organisation_id FROM listing_fact WHERE listing_id = ?",
                String.class, verdict.listingId()).stream().findFirst();
        if (seller.isEmpty()) {
            log.warn("{} of listing {} whose drafting this feed never saw: nobody to tell", incoming.event().type(), verdict.listingId());
            return;
        }
        ObjectNode params = Incoming.params(verdict.listingId());
        if (kind == Kind.LISTING_REJECTED && verdict.reason() != null) {
            params.put("reason", verdict.reason());
        }
        notifications.write(NewNotification.of(incoming.id(), kind, Audience.organisation(seller.get()),
                "/technologies/" + verdict.listingId(), params, incoming.at()));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private void matchFound(Incoming incoming) {
        MatchFound match = incoming.data(MatchFound.class);
        if (blank(match.needId()) || blank(match.needOwnerOrganisationId()) || blank(match.listingId())
                || blank(match.sellerOrganisationId())) {
            // no contract checks it yet: a match that does not say who matched whom can never be told to anyone
            throw new PoisonMessage("CloudEvent " + incoming.id() + " of type " + MATCH_FOUND
                    + " lacks needId, needOwnerOrganisationId, listingId or sellerOrganisationId");
        }
        ObjectNode forNeed = Incoming.params(match.listingId()).put("needId", match.needId()).put("side", "NEED");
        ObjectNode forListing = Incoming.params(match.listingId()).put("needId", match.needId()).put("side", "LISTING");
        if (match.score() != null) {
            forNeed.put("score", match.score().toPlainString());
            forListing.put("score", match.score().toPlainString());
        }
        notifications.write(NewNotification.of(incoming.id(), Kind.NEW_MATCH,
                Audience.organisation(match.needOwnerOrganisationId()), "/technologies/" + match.listingId(), forNeed, incoming.at()));
        notifications.write(NewNotification.of(incoming.id(), Kind.NEW_MATCH,
                Audience.organisation(match.sellerOrganisationId()), "/needs/" + match.needId(), forListing, incoming.at()));
    }
}
