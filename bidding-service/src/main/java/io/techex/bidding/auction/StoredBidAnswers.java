package io.techex.bidding.auction;

import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * The answers in {@code bid_answer}, on the connection of the command's transaction: an answer is stored exactly when
 * the bid's events are. The time is kept as epoch seconds to the nanosecond, as the command's clock gave it (a
 * timestamp column keeps microseconds), so that a retry's answer is the first one to the digit. Amounts keep their
 * value and scale; a negative scale (1.5E+9) comes back as 0 (1500000000), PostgreSQL's numeric having none.
 */
@Component
class StoredBidAnswers implements BidAnswers {

    private final JdbcTemplate jdbc;

    StoredBidAnswers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<PlacedBid> find(String auctionId, String bidId) {
        return jdbc.query("""
                SELECT bid_id, bid_number, amount, currency, placed_at, asked, maximum, leads
                FROM bid_answer WHERE auction_id = ? AND bid_id = ?""", ANSWER, auctionId, bidId).stream().findFirst();
    }

    @Override
    public void record(String auctionId, PlacedBid answer) {
        try {
            jdbc.update("""
                    INSERT INTO bid_answer (auction_id, bid_id, bid_number, amount, currency, placed_at, asked, maximum, leads)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", auctionId, answer.bidId(), answer.bidNumber(), answer.amount(),
                    answer.currency(), epochSeconds(answer.placedAt()), answer.asked(), answer.maximum(), answer.leading());
        } catch (DuplicateKeyException answeredMeanwhile) {
            // the other instance's events took this auction's next sequence number too: the same conflict as theirs
            throw new ConcurrencyException("Bid " + answer.bidId() + " on auction " + auctionId
                    + " was answered meanwhile", answeredMeanwhile);
        }
    }

    private static final RowMapper<PlacedBid> ANSWER = (row, number) -> new PlacedBid(row.getString("bid_id"),
            row.getInt("bid_number"), row.getBigDecimal("amount"), row.getString("currency"),
            instant(row.getBigDecimal("placed_at")), row.getBigDecimal("asked"), row.getBigDecimal("maximum"),
            row.getBoolean("leads"));

    private static BigDecimal epochSeconds(Instant at) {
        return BigDecimal.valueOf(at.getEpochSecond()).add(BigDecimal.valueOf(at.getNano(), 9));
    }

    private static Instant instant(BigDecimal epochSeconds) {
        return Instant.ofEpochSecond(0, epochSeconds.movePointRight(9).longValueExact());
    }
}
