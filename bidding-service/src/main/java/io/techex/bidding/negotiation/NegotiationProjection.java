package io.techex.bidding.negotiation;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.techex.bidding.api.DealTerms;
import io.techex.bidding.api.OfferCountered;
import io.techex.bidding.api.OfferMade;
import io.techex.bidding.api.Party;
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
        round(event.negotiationId(), event.round(), Party.BUYER, event.terms(), event.validUntil(), event.madeAt());
    }

    @EventHandler
    void on(OfferCountered event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("""
                UPDATE negotiation_view SET round = ?, last_offer_by = ?, terms = ?::jsonb, valid_until = ?, updated_at = ?
                WHERE negotiation_id = ?""",
                event.round(), event.by().name(), json(event.terms()), ts(event.validUntil()), ts(at), event.negotiationId());
        round(event.negotiationId(), event.round(), event.by(), event.terms(), event.validUntil(), event.madeAt());
    }

    @EventHandler
    void on(OfferAccepted event, @org.axonframework.eventhandling.Timestamp Instant at) {
        ended(event.negotiationId(), NegotiationStatus.AGREED, null, event.by(), event.acceptedAt(), at);
    }

    @EventHandler
    void on(OfferRejected event, @org.axonframework.eventhandling.Timestamp Instant at) {
        ended(event.negotiationId(), NegotiationStatus.REJECTED, event.reason(), event.by(), event.rejectedAt(), at);
    }

    @EventHandler
    void on(OfferExpired event, @org.axonframework.eventhandling.Timestamp Instant at) {
        ended(event.negotiationId(), NegotiationStatus.EXPIRED, null, null, event.validUntil(), at);
    }

    @EventHandler
    void on(NegotiationClosed event, @org.axonframework.eventhandling.Timestamp Instant at) {
        ended(event.negotiationId(), NegotiationStatus.CLOSED, event.reason(), null, at, at);
    }

    /** Before a replay: the rows are rebuilt from the first event on. */
    @ResetHandler
    void beforeReplay() {
        jdbc.update("DELETE FROM negotiation_view");
        jdbc.update("DELETE FROM negotiation_round_view");
    }

    /** Each round's offer as it was made: both sides read the term sheet's whole history. */
    private void round(String negotiationId, int round, Party by, DealTerms terms, Instant validUntil, Instant madeAt) {
        jdbc.update("""
                INSERT INTO negotiation_round_view (negotiation_id, round, offer_by, terms, valid_until, made_at)
                VALUES (?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT (negotiation_id, round) DO NOTHING""",
                negotiationId, round, by.name(), json(terms), ts(validUntil), ts(madeAt));
    }

    /**
     * @param by      the party that accepted or rejected; null when time or the exchange ended the negotiation
     * @param endedAt the answer's time, the expired offer's deadline, or when the exchange closed it
     */
    private void ended(String negotiationId, NegotiationStatus status, String reason, Party by, Instant endedAt, Instant at) {
        jdbc.update("""
                UPDATE negotiation_view SET status = ?, closed_reason = ?, ended_by = ?, ended_at = ?, updated_at = ?
                WHERE negotiation_id = ?""",
                status.name(), reason, by == null ? null : by.name(), ts(endedAt), ts(at), negotiationId);
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
