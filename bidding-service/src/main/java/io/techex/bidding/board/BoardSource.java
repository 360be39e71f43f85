package io.techex.bidding.board;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Builds a board from the auctions' PostgreSQL projections ({@code auction_view}, {@code sealed_auction_view}), which
 * the event store can always rebuild: the truth a lost Redis board is rebuilt from.
 */
@Component
class BoardSource {

    private final JdbcTemplate jdbc;

    BoardSource(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Board> load(String auctionId) {
        Optional<Board> english = jdbc.query("""
                SELECT status, currency, current_price, bid_count, starts_at, ends_at FROM auction_view WHERE auction_id = ?""",
                (rs, row) -> new Board(auctionId, "ENGLISH", closedAs(rs.getString("status")), rs.getString("currency"),
                        plain(rs.getBigDecimal("current_price")), rs.getInt("bid_count"),
                        rs.getTimestamp("starts_at").toInstant(), null, rs.getTimestamp("ends_at").toInstant()),
                auctionId).stream().findFirst();
        if (english.isPresent()) {
            return english;
        }
        return jdbc.query("""
                SELECT status, currency, winning_amount, commitment_count, starts_at, bids_due_at, ends_at
                FROM sealed_auction_view WHERE auction_id = ?""", (rs, row) -> {
            String closedAs = closedAs(rs.getString("status"));
            // the winning amount, once won, is the only amount a sealed-bid board ever shows
            BigDecimal price = "WON".equals(closedAs) ? plain(rs.getBigDecimal("winning_amount")) : null;
            return new Board(auctionId, "SEALED_BID", closedAs, rs.getString("currency"), price,
                    rs.getInt("commitment_count"), rs.getTimestamp("starts_at").toInstant(),
                    rs.getTimestamp("bids_due_at").toInstant(), rs.getTimestamp("ends_at").toInstant());
        }, auctionId).stream().findFirst();
    }

    private static String closedAs(String status) {
        return status.equals("SCHEDULED") ? null : status;
    }

    private static BigDecimal plain(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
