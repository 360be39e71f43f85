package io.techex.bidding.negotiation;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.techex.bidding.api.DealTerms;
import io.techex.bidding.api.OfferCountered;
import io.techex.bidding.api.OfferMade;
import io.techex.contracts.EventJson;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * The negotiations as their parties see them ({@code negotiation_view}, read through {@link NegotiationViews}), built
 * from the event store by the {@code bidding-views} processor and rebuilt by replaying it. It sends no command: what
 * the exchange does when a deal is agreed or a listing stops is {@link NegotiationPolicy}'s.
 */
@Component
@ProcessingGroup(NegotiationProjection.PROCESSING_GROUP)
class NegotiationProjection {

    static final String PROCESSING_GROUP = "bidding-views";

    private final JdbcTemplate jdbc;

    NegotiationProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OfferMade event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO negotiation_view (negotiation_id, listing_id, seller_organisation_id, buyer_organisation_id,
                    status, round, last_offer_by, terms, valid_until, updated_at)
                VALUES (?, ?, ?, ?, 'OPEN', ?, 'BUYER', ?::jsonb, ?, ?)
                ON CONFLICT (negotiation_id) DO NOTHING""",
                event.negotiationId(), event.listingId(), event.sellerOrganisationId(), event.buyerOrganisationId(),
                event.round(), json(event.terms()), ts(event.validUntil()), ts(at));
    }

    @EventHandler
    void on(OfferCountered event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("""
                UPDATE negotiation_view SET round = ?, last_offer_by = ?, terms = ?::jsonb, valid_until = ?, updated_at = ?
                WHERE negotiation_id = ?""",
                event.round(), event.by().name(), json(event.terms()), ts(event.validUntil()), ts(at), event.negotiationId());
    }

    @EventHandler
    void on(OfferAccepted event, @org.axonframework.eventhandling.Timestamp Instant at) {
        status(event.negotiationId(), NegotiationStatus.AGREED, null, at);
    }

    @EventHandler
    void on(OfferRejected event, @org.axonframework.eventhandling.Timestamp Instant at) {
        status(event.negotiationId(), NegotiationStatus.REJECTED, event.reason(), at);
    }

    @EventHandler
    void on(OfferExpired event, @org.axonframework.eventhandling.Timestamp Instant at) {
        status(event.negotiationId(), NegotiationStatus.EXPIRED, null, at);
    }

    @EventHandler
    void on(NegotiationClosed event, @org.axonframework.eventhandling.Timestamp Instant at) {
        status(event.negotiationId(), NegotiationStatus.CLOSED, event.reason(), at);
    }

    /** Before a replay: the rows are rebuilt from the first event on. */
    @ResetHandler
    void beforeReplay() {
        jdbc.update("DELETE FROM negotiation_view");
    }

    private void status(String negotiationId, NegotiationStatus status, String reason, Instant at) {
        jdbc.update("UPDATE negotiation_view SET status = ?, closed_reason = ?, updated_at = ? WHERE negotiation_id = ?",
                status.name(), reason, ts(at), negotiationId);
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private static String json(DealTerms terms) {
        try {
            return EventJson.mapper().writeValueAsString(terms);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write terms as JSON", e);
        }
    }
}
