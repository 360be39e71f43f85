package io.techex.bidding.negotiation;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.techex.bidding.api.DealAgreed;
import io.techex.bidding.api.DealTerms;
import io.techex.bidding.api.DealType;
import io.techex.bidding.listing.BiddingStopped;
import io.techex.contracts.EventJson;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The negotiations as their parties see them ({@code negotiation_view}), and the rule that one deal closes the open
 * negotiations it conflicts with. Both run in the single-segment {@code bidding-views} processor, so they see events in
 * store order: an offer made before an exclusive deal is in the view when the deal arrives, and one made after finds
 * the deal in {@code agreed_deal}.
 */
@Component
@ProcessingGroup("bidding-views")
class NegotiationProjection implements BiddingStopped {

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;
    private final Clock clock;

    NegotiationProjection(JdbcTemplate jdbc, CommandGateway commands, Clock clock) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.clock = clock;
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
        List<String> conflicting = jdbc.query("SELECT deal_id, deal_type, field_of_use, territory FROM agreed_deal WHERE listing_id = ?",
                (rs, row) -> event.terms().conflictsWith(DealType.valueOf(rs.getString("deal_type")),
                        rs.getString("field_of_use"), rs.getString("territory")) ? rs.getString("deal_id") : null,
                event.listingId()).stream().filter(id -> id != null).toList();
        if (!conflicting.isEmpty()) {
            close(event.negotiationId(), "deal " + conflicting.getFirst() + " on this listing conflicts with this offer");
        }
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

    /** Any deal (from a negotiation or an auction) closes the open negotiations on its listing that conflict with it. */
    @EventHandler
    void on(DealAgreed event) {
        DealTerms deal = event.terms();
        jdbc.update("""
                INSERT INTO agreed_deal (deal_id, listing_id, deal_type, field_of_use, territory) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (deal_id) DO NOTHING""",
                event.dealId(), event.listingId(), deal.dealType().name(), deal.fieldOfUse(), deal.territory());
        record Open(String id, DealTerms terms) {
        }
        List<Open> open = jdbc.query("""
                SELECT negotiation_id, terms FROM negotiation_view
                WHERE listing_id = ? AND status = 'OPEN' AND negotiation_id <> ?""",
                (rs, row) -> new Open(rs.getString("negotiation_id"), terms(rs.getString("terms"))),
                event.listingId(), event.dealId());
        for (Open negotiation : open) {
            if (deal.conflictsWith(negotiation.terms().dealType(), negotiation.terms().fieldOfUse(), negotiation.terms().territory())) {
                close(negotiation.id(), "deal " + event.dealId() + " on this listing conflicts with this offer");
            }
        }
    }

    @Override
    public void onBiddingStopped(String listingId, String reason) {
        jdbc.queryForList("SELECT negotiation_id FROM negotiation_view WHERE listing_id = ? AND status = 'OPEN'",
                String.class, listingId).forEach(id -> close(id, reason));
    }

    private void close(String negotiationId, String reason) {
        commands.sendAndWait(new CloseNegotiation(negotiationId, reason, clock.instant()));
    }

    private void status(String negotiationId, NegotiationStatus status, String reason, Instant at) {
        jdbc.update("UPDATE negotiation_view SET status = ?, closed_reason = ?, updated_at = ? WHERE negotiation_id = ?",
                status.name(), reason, ts(at), negotiationId);
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    static String json(DealTerms terms) {
        try {
            return EventJson.mapper().writeValueAsString(terms);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write terms as JSON", e);
        }
    }

    static DealTerms terms(String json) {
        try {
            return EventJson.mapper().readValue(json, DealTerms.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable terms in negotiation_view", e);
        }
    }
}
