package io.techex.bidding.sealed;

import io.techex.bidding.api.DealType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Reads the sealed-bid auctions' read model ({@code sealed_auction_view}, {@code sealed_bid_view}), which
 * {@link SealedBidAuctionProjection} keeps.
 */
@Component
public class SealedBidAuctionViews {

    private static final RowMapper<SealedBidAuctionRow> AUCTION = (rs, row) -> new SealedBidAuctionRow(
            rs.getString("auction_id"), rs.getString("listing_id"), rs.getString("seller_organisation_id"),
            rs.getString("status"), DealType.valueOf(rs.getString("deal_type")), rs.getString("currency"),
            rs.getBigDecimal("reserve_price"), rs.getTimestamp("starts_at").toInstant(),
            rs.getTimestamp("bids_due_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
            rs.getInt("commitment_count"), rs.getInt("revealed_count"), rs.getString("winner_organisation_id"),
            rs.getBigDecimal("winning_amount"));

    private final JdbcTemplate jdbc;

    SealedBidAuctionViews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<SealedBidAuctionRow> find(String auctionId) {
        return jdbc.query("SELECT * FROM sealed_auction_view WHERE auction_id = ?", AUCTION, auctionId).stream().findFirst();
    }

    /** The bid {@code bidderOrganisationId} committed in the auction, if any. */
    Optional<SealedBidRow> bidOf(String auctionId, String bidderOrganisationId) {
        return jdbc.query("""
                SELECT commitment, commit_number, amount, revealed_at, voided FROM sealed_bid_view
                WHERE auction_id = ? AND bidder_organisation_id = ?""", (rs, row) -> new SealedBidRow(
                rs.getString("commitment"), rs.getInt("commit_number"), rs.getBigDecimal("amount"),
                rs.getTimestamp("revealed_at") != null, rs.getBoolean("voided")), auctionId, bidderOrganisationId)
                .stream().findFirst();
    }

    /** The auctions on the listing that have not closed. */
    List<String> runningOn(String listingId) {
        return jdbc.queryForList("SELECT auction_id FROM sealed_auction_view WHERE listing_id = ? AND status = 'SCHEDULED'",
                String.class, listingId);
    }
}
