package io.techex.bidding.sealed;

import io.techex.bidding.api.DealType;
import io.techex.bidding.auction.AuctionTerms;
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
            rs.getString("status"), new AuctionTerms(DealType.valueOf(rs.getString("deal_type")), rs.getString("field_of_use"),
            rs.getString("territory"), (Integer) rs.getObject("term_months")), rs.getString("currency"),
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

    /** Lists stop here: a page of an organisation's or a listing's auctions, not an export. */
    static final int LIST_LIMIT = 200;

    /** The sealed-bid auctions of a listing, the latest to end first. */
    List<SealedBidAuctionRow> onListing(String listingId) {
        return jdbc.query("SELECT * FROM sealed_auction_view WHERE listing_id = ? ORDER BY ends_at DESC, auction_id LIMIT ?",
                AUCTION, listingId, LIST_LIMIT);
    }

    /** The sealed-bid auctions an organisation sells in or has committed a bid to, the latest to end first. */
    List<SealedBidAuctionRow> ofOrganisation(String organisationId) {
        return jdbc.query("""
                SELECT * FROM sealed_auction_view WHERE seller_organisation_id = ?
                   OR auction_id IN (SELECT auction_id FROM sealed_bid_view WHERE bidder_organisation_id = ?)
                ORDER BY ends_at DESC, auction_id LIMIT ?""", AUCTION, organisationId, organisationId, LIST_LIMIT);
    }

    /** The bid {@code bidderOrganisationId} committed in the auction, if any. */
    Optional<SealedBidRow> bidOf(String auctionId, String bidderOrganisationId) {
        return jdbc.query("""
                SELECT commitment, commit_number, committed_at, amount, revealed_at, voided FROM sealed_bid_view
                WHERE auction_id = ? AND bidder_organisation_id = ?""", (rs, row) -> new SealedBidRow(
                rs.getString("commitment"), rs.getInt("commit_number"), rs.getTimestamp("committed_at").toInstant(),
                rs.getBigDecimal("amount"),
                rs.getTimestamp("revealed_at") != null, rs.getBoolean("voided")), auctionId, bidderOrganisationId)
                .stream().findFirst();
    }

    /** The auctions on the listing that have not closed. */
    List<String> runningOn(String listingId) {
        return jdbc.queryForList("SELECT auction_id FROM sealed_auction_view WHERE listing_id = ? AND status = 'SCHEDULED'",
                String.class, listingId);
    }
}
