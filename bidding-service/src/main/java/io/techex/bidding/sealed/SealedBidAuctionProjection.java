package io.techex.bidding.sealed;

import io.techex.bidding.api.AuctionClosedWithoutSale;
import io.techex.bidding.api.SealedBidCommitted;
import io.techex.bidding.api.SealedBidRevealed;
import io.techex.bidding.api.SealedBidVoided;
import io.techex.bidding.auction.AuctionViewChanges;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Sealed-bid auctions as the exchange shows them ({@code sealed_auction_view}, {@code sealed_bid_view}, read through
 * {@link SealedBidAuctionViews}), built from the event store by the {@code bidding-views} processor and rebuilt by
 * replaying it. Every write is guarded or idempotent, so an event handled twice leaves the same rows. It sends no
 * command: ending auctions when a listing stops taking deals is {@link SealedBidAuctionPolicy}'s.
 */
@Component
@ProcessingGroup("bidding-views")
class SealedBidAuctionProjection {

    private final JdbcTemplate jdbc;
    private final AuctionViewChanges boards;

    SealedBidAuctionProjection(JdbcTemplate jdbc, AuctionViewChanges boards) {
        this.jdbc = jdbc;
        this.boards = boards;
    }

    @EventHandler
    void on(SealedBidAuctionScheduled event, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO sealed_auction_view (auction_id, listing_id, seller_organisation_id, status, deal_type,
                    field_of_use, territory, term_months, currency, reserve_price, starts_at, bids_due_at, ends_at,
                    commitment_count, revealed_count, updated_at)
                VALUES (?, ?, ?, 'SCHEDULED', ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?)
                ON CONFLICT (auction_id) DO NOTHING""",
                event.auctionId(), event.listingId(), event.sellerOrganisationId(), event.terms().dealType().name(),
                event.terms().fieldOfUse(), event.terms().territory(), event.terms().termMonths(), event.currency(), event.reservePrice(), ts(event.startsAt()), ts(event.bidsDueAt()), ts(event.endsAt()), ts(at));
        boards.changed(event.auctionId());
    }

    @EventHandler
    void on(SealedBidCommitted event, @Timestamp Instant at) {
        int inserted = jdbc.update("""
                INSERT INTO sealed_bid_view (auction_id, bidder_organisation_id, commitment, commit_number, committed_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                event.auctionId(), event.bidderOrganisationId(), event.commitment(), event.commitNumber(), ts(event.committedAt()));
        if (inserted == 1) {
            jdbc.update("UPDATE sealed_auction_view SET commitment_count = commitment_count + 1, updated_at = ? WHERE auction_id = ?",
                    ts(at), event.auctionId());
            boards.changed(event.auctionId());
        }
    }

    @EventHandler
    void on(SealedBidRevealed event, @Timestamp Instant at) {
        int revealed = jdbc.update("""
                UPDATE sealed_bid_view SET amount = ?, revealed_at = ?
                WHERE auction_id = ? AND bidder_organisation_id = ? AND revealed_at IS NULL""",
                event.amount(), ts(event.revealedAt()), event.auctionId(), event.bidderOrganisationId());
        if (revealed == 1) {
            jdbc.update("UPDATE sealed_auction_view SET revealed_count = revealed_count + 1, updated_at = ? WHERE auction_id = ?",
                    ts(at), event.auctionId());
        }
    }

    @EventHandler
    void on(SealedBidVoided event) {
        jdbc.update("UPDATE sealed_bid_view SET voided = TRUE WHERE auction_id = ? AND bidder_organisation_id = ?",
                event.auctionId(), event.bidderOrganisationId());
    }

    @EventHandler
    void on(SealedBidAuctionWon event, @Timestamp Instant at) {
        jdbc.update("""
                UPDATE sealed_auction_view SET status = 'WON', winner_organisation_id = ?, winning_amount = ?, updated_at = ?
                WHERE auction_id = ?""", event.winnerOrganisationId(), event.amount(), ts(at), event.auctionId());
        boards.changed(event.auctionId());
    }

    /** Also an English auction's event: the update finds no sealed row for those. */
    @EventHandler
    void on(AuctionClosedWithoutSale event, @Timestamp Instant at) {
        if (jdbc.update("UPDATE sealed_auction_view SET status = 'CLOSED_WITHOUT_SALE', closed_reason = ?, updated_at = ? WHERE auction_id = ?",
                event.reason(), ts(at), event.auctionId()) == 1) {
            boards.changed(event.auctionId());
        }
    }

    /** Before a replay: the rows are rebuilt from the first event on (boards follow as the events pass again). */
    @ResetHandler
    void beforeReplay() {
        jdbc.update("DELETE FROM sealed_bid_view");
        jdbc.update("DELETE FROM sealed_auction_view");
    }

    private static java.sql.Timestamp ts(Instant instant) {
        return java.sql.Timestamp.from(instant);
    }
}
