package io.techex.bidding.board;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An auction's live board as cached in Redis: what every watcher may see, nothing more. A sealed-bid auction shows how
 * many bids were committed and never an amount before it is won; no board shows the reserve or who bids. The phase
 * and the time left depend on the time, so they are worked out when the board is sent ({@link #at(Instant)}).
 *
 * @param closedAs     null while the auction runs; WON or CLOSED_WITHOUT_SALE after
 * @param currentPrice the highest bid of an English auction; a sealed-bid auction's winning amount once won; else null
 * @param minimumBid   the least an English auction takes as its next bid ({@code MinimumBid}), until it closes; null
 *                     for a sealed-bid auction
 * @param bidsDueAt    a sealed-bid auction's commit deadline; null for an English auction
 * @param endsAt       an English auction's (soft-close) end; a sealed-bid auction's reveal deadline
 */
public record Board(String auctionId, String format, String closedAs, String currency,
                    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal currentPrice,
                    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal minimumBid, int bidCount,
                    Instant startsAt, Instant bidsDueAt, Instant endsAt) {

    /**
     * The board as a watcher gets it at {@code now}.
     *
     * @return phase SCHEDULED, then OPEN (English) or COMMITTING and REVEALING (sealed-bid), then CLOSING once the
     * end passed and until the persisted deadline closed it, then WON or CLOSED_WITHOUT_SALE; secondsLeft until the
     * end of the current phase
     */
    View at(Instant now) {
        if (closedAs != null) {
            return new View(this, closedAs, 0);
        }
        if (now.isBefore(startsAt)) {
            return new View(this, "SCHEDULED", seconds(now, startsAt));
        }
        if (bidsDueAt != null && now.isBefore(bidsDueAt)) {
            return new View(this, "COMMITTING", seconds(now, bidsDueAt));
        }
        if (now.isBefore(endsAt)) {
            return new View(this, bidsDueAt == null ? "OPEN" : "REVEALING", seconds(now, endsAt));
        }
        return new View(this, "CLOSING", 0);
    }

    private static long seconds(Instant now, Instant until) {
        return Math.max(0, until.getEpochSecond() - now.getEpochSecond());
    }

    /** What a watcher receives: the board, its phase and the seconds left in that phase, as of sending. */
    public record View(String auctionId, String format, String phase, String currency,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal currentPrice,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal minimumBid, int bidCount,
                       Instant startsAt, Instant bidsDueAt, Instant endsAt, long secondsLeft) {

        View(Board board, String phase, long secondsLeft) {
            this(board.auctionId(), board.format(), phase, board.currency(), board.currentPrice(), board.minimumBid(),
                    board.bidCount(), board.startsAt(), board.bidsDueAt(), board.endsAt(), secondsLeft);
        }
    }
}
