package io.techex.bidding.auction;

import io.techex.bidding.api.AuctionClosedWithoutSale;
import io.techex.bidding.api.AuctionExtended;
import io.techex.bidding.api.BidPlaced;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * The English auctions as the exchange sees them ({@code auction_view}, read through {@link AuctionViews}) and their
 * live boards (refreshed from the row after each change), built from the event store by the {@code bidding-views}
 * processor and rebuilt by replaying it. It sends no command: ending auctions when a listing stops taking deals is
 * {@link AuctionPolicy}'s.
 */
@Component
@ProcessingGroup("bidding-views")
class AuctionProjection {

    private final JdbcTemplate jdbc;
    private final AuctionViewChanges boards;

    AuctionProjection(JdbcTemplate jdbc, AuctionViewChanges boards) {
        this.jdbc = jdbc;
        this.boards = boards;
    }

    @EventHandler
    void on(EnglishAuctionScheduled event, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO auction_view (auction_id, listing_id, seller_organisation_id, status, deal_type, field_of_use,
                    territory, term_months, currency, starting_price, reserve_price, minimum_increment, bid_count,
                    starts_at, ends_at, soft_close_minutes, updated_at)
                VALUES (?, ?, ?, 'SCHEDULED', ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)
                ON CONFLICT (auction_id) DO NOTHING""",
                event.auctionId(), event.listingId(), event.sellerOrganisationId(), event.terms().dealType().name(),
                event.terms().fieldOfUse(), event.terms().territory(), event.terms().termMonths(), event.currency(),
                event.startingPrice(), event.reservePrice(), event.minimumIncrement(),
                java.sql.Timestamp.from(event.startsAt()), java.sql.Timestamp.from(event.endsAt()),
                event.softCloseMinutes(), java.sql.Timestamp.from(at));
        boards.changed(event.auctionId());
    }

    /** Bids arrive in the order they were accepted; the guard keeps a replayed older bid from winding the price back. */
    @EventHandler
    void on(BidPlaced event, @Timestamp Instant at) {
        jdbc.update("""
                UPDATE auction_view SET current_price = ?, leader_organisation_id = ?, bid_count = ?, updated_at = ?
                WHERE auction_id = ? AND bid_count < ?""",
                event.amount(), event.bidderOrganisationId(), event.bidNumber(), java.sql.Timestamp.from(at),
                event.auctionId(), event.bidNumber());
        // the bidder's own latest bid, guarded like the price: a bid handled again changes nothing
        jdbc.update("""
                INSERT INTO auction_bidder_view (auction_id, bidder_organisation_id, amount, bid_number, placed_at, bids)
                VALUES (?, ?, ?, ?, ?, 1)
                ON CONFLICT (auction_id, bidder_organisation_id) DO UPDATE SET amount = EXCLUDED.amount,
                    bid_number = EXCLUDED.bid_number, placed_at = EXCLUDED.placed_at, bids = auction_bidder_view.bids + 1
                WHERE auction_bidder_view.bid_number < EXCLUDED.bid_number""",
                event.auctionId(), event.bidderOrganisationId(), event.amount(), event.bidNumber(),
                java.sql.Timestamp.from(event.placedAt()));
        boards.changed(event.auctionId());
    }

    /**
     * A firm's maximum, for its own eyes ({@link AuctionViews#maximumOf}); the board does not change, as nothing on it
     * does: the bids the maximum causes are events of their own.
     */
    @EventHandler
    void on(BidMaximumSet event, @SequenceNumber long sequenceNumber) {
        jdbc.update("""
                INSERT INTO auction_maximum_view (auction_id, bidder_organisation_id, maximum, set_at, sequence_number)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (auction_id, bidder_organisation_id) DO UPDATE SET maximum = EXCLUDED.maximum,
                    set_at = EXCLUDED.set_at, sequence_number = EXCLUDED.sequence_number
                WHERE auction_maximum_view.sequence_number < EXCLUDED.sequence_number""",
                event.auctionId(), event.bidderOrganisationId(), event.maximum(), java.sql.Timestamp.from(event.at()),
                sequenceNumber);
    }

    @EventHandler
    void on(AuctionExtended event, @Timestamp Instant at) {
        jdbc.update("UPDATE auction_view SET ends_at = ?, updated_at = ? WHERE auction_id = ?",
                java.sql.Timestamp.from(event.endsAt()), java.sql.Timestamp.from(at), event.auctionId());
        boards.changed(event.auctionId());
    }

    @EventHandler
    void on(AuctionWon event, @Timestamp Instant at) {
        status(event.auctionId(), AuctionStatus.WON, at);
    }

    @EventHandler
    void on(AuctionClosedWithoutSale event, @Timestamp Instant at) {
        status(event.auctionId(), AuctionStatus.CLOSED_WITHOUT_SALE, at);
    }

    /** Before a replay: the rows are rebuilt from the first event on (boards follow as the events pass again). */
    @ResetHandler
    void beforeReplay() {
        jdbc.update("DELETE FROM auction_view");
        jdbc.update("DELETE FROM auction_bidder_view");
        jdbc.update("DELETE FROM auction_maximum_view");
    }

    /** Also for a sealed-bid auction's AuctionClosedWithoutSale, which has no row here. */
    private void status(String auctionId, AuctionStatus status, Instant at) {
        if (jdbc.update("UPDATE auction_view SET status = ?, updated_at = ? WHERE auction_id = ?", status.name(),
                java.sql.Timestamp.from(at), auctionId) == 1) {
            boards.changed(auctionId);
        }
    }
}
