package io.techex.bidding.auction;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Reads the English auctions' read model ({@code auction_view}, each bidder's own latest bid in
 * {@code auction_bidder_view} and its own maximum in {@code auction_maximum_view}), which {@link AuctionProjection}
 * keeps.
 */
@Component
public class AuctionViews {

    private static final RowMapper<AuctionRow> ROW = (rs, row) -> new AuctionRow(rs.getString("auction_id"),
            rs.getString("listing_id"), rs.getString("seller_organisation_id"), AuctionStatus.valueOf(rs.getString("status")),
            AuctionRow.terms(rs.getString("deal_type"), rs.getString("field_of_use"), rs.getString("territory"),
                    (Integer) rs.getObject("term_months")),
            rs.getString("currency"), rs.getBigDecimal("starting_price"), rs.getBigDecimal("reserve_price"),
            rs.getBigDecimal("minimum_increment"), rs.getBigDecimal("current_price"), rs.getString("leader_organisation_id"),
            rs.getInt("bid_count"), rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
            rs.getInt("soft_close_minutes"));

    /** Lists stop here: a page of an organisation's or a listing's auctions, not an export. */
    static final int LIST_LIMIT = 200;

    private final JdbcTemplate jdbc;

    AuctionViews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AuctionRow> find(String auctionId) {
        return jdbc.query("SELECT * FROM auction_view WHERE auction_id = ?", ROW, auctionId).stream().findFirst();
    }

    /** The auctions of a listing, the latest to end first. */
    List<AuctionRow> onListing(String listingId) {
        return jdbc.query("SELECT * FROM auction_view WHERE listing_id = ? ORDER BY ends_at DESC, auction_id LIMIT ?",
                ROW, listingId, LIST_LIMIT);
    }

    /** The auctions an organisation sells in or has bid in, the latest to end first. */
    List<AuctionRow> ofOrganisation(String organisationId) {
        return jdbc.query("""
                SELECT * FROM auction_view WHERE seller_organisation_id = ?
                   OR auction_id IN (SELECT auction_id FROM auction_bidder_view WHERE bidder_organisation_id = ?)
                ORDER BY ends_at DESC, auction_id LIMIT ?""", ROW, organisationId, organisationId, LIST_LIMIT);
    }

    /** {@code bidderOrganisationId}'s latest bid in the auction, if it has bid. */
    Optional<AuctionRow.OwnBid> bidOf(String auctionId, String bidderOrganisationId) {
        return jdbc.query("""
                SELECT amount, bid_number, placed_at, bids FROM auction_bidder_view
                WHERE auction_id = ? AND bidder_organisation_id = ?""", (rs, row) -> new AuctionRow.OwnBid(
                rs.getBigDecimal("amount"), rs.getInt("bid_number"), rs.getTimestamp("placed_at").toInstant(),
                rs.getInt("bids")), auctionId, bidderOrganisationId).stream().findFirst();
    }

    /** {@code bidderOrganisationId}'s maximum in the auction (its own secret), if it set one. */
    Optional<BigDecimal> maximumOf(String auctionId, String bidderOrganisationId) {
        return jdbc.queryForList("""
                SELECT maximum FROM auction_maximum_view WHERE auction_id = ? AND bidder_organisation_id = ?""",
                BigDecimal.class, auctionId, bidderOrganisationId).stream().findFirst();
    }

    /** The auctions on the listing that have not closed. */
    List<String> runningOn(String listingId) {
        return jdbc.queryForList("SELECT auction_id FROM auction_view WHERE listing_id = ? AND status = 'SCHEDULED'",
                String.class, listingId);
    }
}
