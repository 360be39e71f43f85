package io.techex.bidding.auction;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** Reads the English auctions' read model, {@code auction_view}, which {@link AuctionProjection} keeps. */
@Component
public class AuctionViews {

    private static final RowMapper<AuctionRow> ROW = (rs, row) -> new AuctionRow(rs.getString("auction_id"),
            rs.getString("listing_id"), rs.getString("seller_organisation_id"), AuctionStatus.valueOf(rs.getString("status")),
            rs.getString("currency"), rs.getBigDecimal("starting_price"), rs.getBigDecimal("reserve_price"),
            rs.getBigDecimal("minimum_increment"), rs.getBigDecimal("current_price"), rs.getString("leader_organisation_id"),
            rs.getInt("bid_count"), rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant());

    private final JdbcTemplate jdbc;

    AuctionViews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AuctionRow> find(String auctionId) {
        return jdbc.query("SELECT * FROM auction_view WHERE auction_id = ?", ROW, auctionId).stream().findFirst();
    }

    /** The auctions on the listing that have not closed. */
    List<String> runningOn(String listingId) {
        return jdbc.queryForList("SELECT auction_id FROM auction_view WHERE listing_id = ? AND status = 'SCHEDULED'",
                String.class, listingId);
    }
}
