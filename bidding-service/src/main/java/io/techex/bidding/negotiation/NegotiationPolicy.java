package io.techex.bidding.negotiation;

import io.techex.bidding.api.DealAgreed;
import io.techex.bidding.api.DealTerms;
import io.techex.bidding.api.DealType;
import io.techex.bidding.api.OfferCountered;
import io.techex.bidding.api.OfferMade;
import io.techex.bidding.listing.BiddingStopped;
import io.techex.platform.actor.ActingCommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;

/**
 * What the exchange does to negotiations when something else happens: one deal closes the open negotiations on its
 * listing that conflict with it ({@link DealTerms#conflictsWith}), including offers made after it, on arrival; and a
 * listing that stops taking deals closes every open negotiation on it. It acts as the exchange itself.
 * <p>
 * A policy, not a projection: its effects are commands, which must happen once, so its processor
 * ({@value #PROCESSING_GROUP}) never replays, and replaying the read models sends nothing. It keeps what it needs in its
 * own tables ({@code negotiation_policy_open}, {@code negotiation_policy_deal}), written as it handles the events, one
 * segment in store order: so an offer made before an exclusive deal is open here when the deal arrives, and one made
 * after finds the deal, whatever the read models' processor has reached.
 */
@Component
@ProcessingGroup(NegotiationPolicy.PROCESSING_GROUP)
@DisallowReplay
class NegotiationPolicy implements BiddingStopped {

    static final String PROCESSING_GROUP = "negotiation-policy";

    private final JdbcTemplate jdbc;
    private final ActingCommandGateway commands;
    private final Clock clock;

    NegotiationPolicy(JdbcTemplate jdbc, ActingCommandGateway commands, Clock clock) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.clock = clock;
    }

    @EventHandler
    void on(OfferMade event) {
        DealTerms offer = event.terms();
        jdbc.update("""
                INSERT INTO negotiation_policy_open (negotiation_id, listing_id, deal_type, field_of_use, territory)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (negotiation_id) DO NOTHING""",
                event.negotiationId(), event.listingId(), offer.dealType().name(), offer.fieldOfUse(), offer.territory());
        jdbc.query("SELECT deal_id, deal_type, field_of_use, territory FROM negotiation_policy_deal WHERE listing_id = ? ORDER BY deal_id",
                        (rs, row) -> offer.conflictsWith(DealType.valueOf(rs.getString("deal_type")),
                                rs.getString("field_of_use"), rs.getString("territory")) ? rs.getString("deal_id") : null,
                        event.listingId()).stream()
                .filter(dealId -> dealId != null).findFirst()
                .ifPresent(dealId -> close(event.negotiationId(), "deal " + dealId + " on this listing conflicts with this offer"));
    }

    /** The offer on the table is what a later deal is checked against. */
    @EventHandler
    void on(OfferCountered event) {
        DealTerms offer = event.terms();
        jdbc.update("UPDATE negotiation_policy_open SET deal_type = ?, field_of_use = ?, territory = ? WHERE negotiation_id = ?",
                offer.dealType().name(), offer.fieldOfUse(), offer.territory(), event.negotiationId());
    }

    @EventHandler
    void on(OfferAccepted event) {
        ended(event.negotiationId());
    }

    @EventHandler
    void on(OfferRejected event) {
        ended(event.negotiationId());
    }

    @EventHandler
    void on(OfferExpired event) {
        ended(event.negotiationId());
    }

    @EventHandler
    void on(NegotiationClosed event) {
        ended(event.negotiationId());
    }

    /** Any deal, from a negotiation or an auction. */
    @EventHandler
    void on(DealAgreed event) {
        DealTerms deal = event.terms();
        jdbc.update("""
                INSERT INTO negotiation_policy_deal (deal_id, listing_id, deal_type, field_of_use, territory)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (deal_id) DO NOTHING""",
                event.dealId(), event.listingId(), deal.dealType().name(), deal.fieldOfUse(), deal.territory());
        record Open(String negotiationId, DealType dealType, String fieldOfUse, String territory) {
        }
        List<Open> open = jdbc.query("""
                SELECT negotiation_id, deal_type, field_of_use, territory FROM negotiation_policy_open
                WHERE listing_id = ? AND negotiation_id <> ? ORDER BY negotiation_id""",
                (rs, row) -> new Open(rs.getString("negotiation_id"), DealType.valueOf(rs.getString("deal_type")),
                        rs.getString("field_of_use"), rs.getString("territory")),
                event.listingId(), event.dealId());
        for (Open negotiation : open) {
            if (deal.conflictsWith(negotiation.dealType(), negotiation.fieldOfUse(), negotiation.territory())) {
                close(negotiation.negotiationId(), "deal " + event.dealId() + " on this listing conflicts with this offer");
            }
        }
    }

    /** Called by the listing events' consumer, in its transaction. */
    @Override
    public void onBiddingStopped(String listingId, String reason) {
        jdbc.queryForList("SELECT negotiation_id FROM negotiation_policy_open WHERE listing_id = ? ORDER BY negotiation_id",
                String.class, listingId).forEach(negotiationId -> close(negotiationId, reason));
    }

    private void ended(String negotiationId) {
        jdbc.update("DELETE FROM negotiation_policy_open WHERE negotiation_id = ?", negotiationId);
    }

    /** Idempotent in the negotiation: one closed meanwhile stays as it is. */
    private void close(String negotiationId, String reason) {
        commands.sendAsSystem(new CloseNegotiation(negotiationId, reason, clock.instant()));
    }
}
