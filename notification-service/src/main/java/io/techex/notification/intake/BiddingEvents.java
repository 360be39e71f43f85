package io.techex.notification.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.techex.notification.addressing.Audience;
import io.techex.notification.addressing.Kind;
import io.techex.notification.feed.NewNotification;
import io.techex.notification.feed.Notifications;
import io.techex.notification.reminder.Reminders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * bidding-service's events: an offer to answer, a counter-offer, an offer about to lapse (a reminder a day before its
 * validity ends, to the party that must answer and to the one who made it, ended by whatever moves the negotiation
 * on), and a bid that takes the lead from another organisation's.
 */
@Component
class BiddingEvents implements EventHandlers {

    static final String OFFER_MADE = "io.techex.bidding.OfferMade.v1";
    static final String OFFER_COUNTERED = "io.techex.bidding.OfferCountered.v1";
    static final String NEGOTIATION_ENDED = "io.techex.bidding.NegotiationEnded.v1";
    static final String DEAL_AGREED = "io.techex.bidding.DealAgreed.v1";
    static final String BID_PLACED = "io.techex.bidding.BidPlaced.v1";

    /** How long before an offer lapses both sides are reminded. */
    static final Duration EXPIRY_NOTICE = Duration.ofDays(1);

    private static final Logger log = LoggerFactory.getLogger(BiddingEvents.class);

    private final JdbcTemplate jdbc;
    private final Notifications notifications;
    private final Reminders reminders;

    BiddingEvents(JdbcTemplate jdbc, Notifications notifications, Reminders reminders) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.reminders = reminders;
    }

    record OfferMade(String negotiationId, String listingId, String sellerOrganisationId, String buyerOrganisationId,
                     int round, Instant validUntil) {
    }

    record OfferCountered(String negotiationId, String listingId, int round, String by, Instant validUntil) {
    }

    record NegotiationEnded(String negotiationId) {
    }

    record DealAgreed(Source source) {
        record Source(String kind, String id) {
        }
    }

    record BidPlaced(String auctionId, String listingId, String bidderOrganisationId, BigDecimal amount, String currency) {
    }

    record Parties(String seller, String buyer) {
    }

    @Override
    public Map<String, Consumer<Incoming>> byType() {
        return Map.of(OFFER_MADE, this::offerMade, OFFER_COUNTERED, this::offerCountered,
                NEGOTIATION_ENDED, this::negotiationEnded, DEAL_AGREED, this::dealAgreed, BID_PLACED, this::bidPlaced);
    }

    private void offerMade(Incoming incoming) {
        OfferMade offer = incoming.data(OfferMade.class);
        jdbc.update("""
                INSERT INTO negotiation_fact (negotiation_id, listing_id, seller_organisation_id, buyer_organisation_id)
                VALUES (?, ?, ?, ?) ON CONFLICT (negotiation_id) DO NOTHING""",
                offer.negotiationId(), offer.listingId(), offer.sellerOrganisationId(), offer.buyerOrganisationId());
        ObjectNode params = Incoming.params(offer.listingId()).put("negotiationId", offer.negotiationId())
                .put("round", offer.round()).put("validUntil", offer.validUntil().toString());
        notifications.write(NewNotification.of(incoming.id(), Kind.OFFER_RECEIVED,
                Audience.organisation(offer.sellerOrganisationId()), link(offer.negotiationId()), params, incoming.at()));
        remindBeforeExpiry(incoming, offer.negotiationId(), offer.listingId(), offer.validUntil(),
                offer.sellerOrganisationId(), offer.buyerOrganisationId());
    }

    private void offerCountered(Incoming incoming) {
        OfferCountered counter = incoming.data(OfferCountered.class);
        List<Parties> parties = parties(counter.negotiationId());
        if (parties.isEmpty()) {
            log.warn("Counter-offer in negotiation {} whose first offer this feed never saw: nobody to tell", counter.negotiationId());
            return;
        }
        reminders.end(topic(counter.negotiationId()), incoming.at());
        boolean bySeller = "SELLER".equals(counter.by());
        String answerer = bySeller ? parties.getFirst().buyer() : parties.getFirst().seller();
        String maker = bySeller ? parties.getFirst().seller() : parties.getFirst().buyer();
        ObjectNode params = Incoming.params(counter.listingId()).put("negotiationId", counter.negotiationId())
                .put("round", counter.round()).put("validUntil", counter.validUntil().toString());
        notifications.write(NewNotification.of(incoming.id(), Kind.OFFER_COUNTERED, Audience.organisation(answerer),
                link(counter.negotiationId()), params, incoming.at()));
        remindBeforeExpiry(incoming, counter.negotiationId(), counter.listingId(), counter.validUntil(), answerer, maker);
    }

    /**
     * Both sides hear a day before the offer on the table lapses, unless something moves the negotiation on first. An
     * offer made with less than a day to run gets no reminder: its own notification says until when it holds.
     */
    private void remindBeforeExpiry(Incoming incoming, String negotiationId, String listingId, Instant validUntil,
                                    String answerer, String maker) {
        Instant dueAt = validUntil.minus(EXPIRY_NOTICE);
        if (!dueAt.isAfter(incoming.at())) {
            return;
        }
        for (var side : Map.of("ANSWER", answerer, "OWN", maker).entrySet()) {
            ObjectNode params = Incoming.params(listingId).put("negotiationId", negotiationId)
                    .put("validUntil", validUntil.toString()).put("side", side.getKey());
            reminders.schedule(incoming.id(), topic(negotiationId), Kind.OFFER_EXPIRES_TOMORROW,
                    Audience.organisation(side.getValue()), link(negotiationId), params, dueAt);
        }
    }

    private void negotiationEnded(Incoming incoming) {
        reminders.end(topic(incoming.data(NegotiationEnded.class).negotiationId()), incoming.at());
    }

    private void dealAgreed(Incoming incoming) {
        DealAgreed deal = incoming.data(DealAgreed.class);
        if (deal.source() != null && "NEGOTIATION".equals(deal.source().kind())) {
            reminders.end(topic(deal.source().id()), incoming.at());
        }
    }

    /** The organisation that led the auction until this bid hears that another's leads now; not a leader outbidding itself. */
    private void bidPlaced(Incoming incoming) {
        BidPlaced bid = incoming.data(BidPlaced.class);
        List<String> leader = jdbc.queryForList("SELECT leader_organisation_id FROM auction_fact WHERE auction_id = ?",
                String.class, bid.auctionId());
        jdbc.update("""
                INSERT INTO auction_fact (auction_id, leader_organisation_id) VALUES (?, ?)
                ON CONFLICT (auction_id) DO UPDATE SET leader_organisation_id = EXCLUDED.leader_organisation_id""",
                bid.auctionId(), bid.bidderOrganisationId());
        if (leader.isEmpty() || leader.getFirst().equals(bid.bidderOrganisationId())) {
            return;
        }
        ObjectNode params = Incoming.params(bid.listingId()).put("auctionId", bid.auctionId())
                .put("amount", bid.amount().toPlainString()).put("currency", bid.currency());
        notifications.write(NewNotification.of(incoming.id(), Kind.OUTBID, Audience.organisation(leader.getFirst()),
                "/auctions/" + bid.auctionId(), params, incoming.at()));
    }

    private List<Parties> parties(String negotiationId) {
        return jdbc.query("SELECT seller_organisation_id, buyer_organisation_id FROM negotiation_fact WHERE negotiation_id = ?",
                (rs, n) -> new Parties(rs.getString(1), rs.getString(2)), negotiationId);
    }

    private static String topic(String negotiationId) {
        return "negotiation:" + negotiationId;
    }

    private static String link(String negotiationId) {
        return "/negotiations/" + negotiationId;
    }
}
