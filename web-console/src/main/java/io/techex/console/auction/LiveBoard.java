package io.techex.console.auction;

import io.techex.console.format.Formats;
import io.techex.console.services.BiddingModel.Auction;
import io.techex.console.services.BiddingModel.Board;
import org.springframework.context.MessageSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

/**
 * An English auction's live board as one person's browser shows it: the board everyone sees (price, bids, end, the
 * minimum next bid), worded in the reader's language, and where the reader stands. Where the reader stands comes from
 * bidding-service's answer to the reader's own token (whether its organisation leads, its own latest bid), so no other
 * bidder's identity ever reaches a browser. The page renders it first; the live relay sends it again on every change.
 *
 * @param phase     SCHEDULED, OPEN, CLOSING, WON or CLOSED_WITHOUT_SALE
 * @param you       LEADING, OUTBID, WON or LOST for a firm that has bid; null for anyone else
 * @param minimumBid the least the auction takes next, as the reader types it (for the bid field); null once closed
 */
public record LiveBoard(String phase, String phaseText, boolean closed, String priceText, String priceWords,
                        int bidCount, String bidCountText, Instant endsAt, String endsAtText, long secondsLeft,
                        String minimumBid, String minimumBidText, String minimumBidWords, String you, String youText,
                        String yourBidText) {

    /** The board as bidding-service sent it, and the reader's own view of the auction a moment after. */
    static LiveBoard of(Board board, Auction reader, Locale locale, MessageSource messages) {
        boolean closed = "WON".equals(board.phase()) || "CLOSED_WITHOUT_SALE".equals(board.phase());
        return build(board.phase(), closed, board.currency(), board.currentPrice(), board.bidCount(), board.endsAt(),
                board.secondsLeft(), closed ? null : board.minimumBid(), reader, locale, messages);
    }

    /** The board from the reader's view of the auction alone: what the page shows before the live relay speaks. */
    static LiveBoard of(Auction auction, Locale locale, MessageSource messages) {
        return build(auction.status(), auction.isClosed(), auction.currency(), auction.currentPrice(), auction.bidCount(),
                auction.endsAt(), auction.secondsLeft(), auction.isClosed() ? null : auction.minimumBid(), auction, locale,
                messages);
    }

    private static LiveBoard build(String phase, boolean closed, String currency, BigDecimal price, int bidCount,
                                   Instant endsAt, long secondsLeft, BigDecimal minimumBid, Auction reader, Locale locale,
                                   MessageSource messages) {
        String you = null;
        if (reader != null && reader.yourBid() != null) {
            you = closed ? (reader.youLead() && "WON".equals(phase) ? "WON" : "LOST") : reader.youLead() ? "LEADING" : "OUTBID";
        }
        String yourBid = reader == null || reader.yourBid() == null ? null : messages.getMessage("auction.yourBid",
                new Object[]{Formats.money(reader.yourBid().amount(), currency, locale), reader.yourBid().bidNumber(),
                        Formats.instant(reader.yourBid().placedAt(), locale)}, locale);
        return new LiveBoard(phase, messages.getMessage("auction.phase." + phase, null, phase, locale), closed,
                price == null ? messages.getMessage("auction.noBids", null, locale) : Formats.money(price, currency, locale),
                price == null ? null : Formats.moneyInWords(price, currency, locale), bidCount,
                messages.getMessage("auction.bidCount", new Object[]{bidCount}, locale), endsAt,
                Formats.instant(endsAt, locale, true), secondsLeft,
                minimumBid == null ? null : typed(minimumBid, locale),
                minimumBid == null ? null : Formats.money(minimumBid, currency, locale),
                minimumBid == null ? null : Formats.moneyInWords(minimumBid, currency, locale),
                you, you == null ? null : messages.getMessage("auction.you." + you, null, locale), yourBid);
    }

    /** An amount as the reader types it into the bid field: no grouping, the reader's decimal mark. */
    private static String typed(BigDecimal amount, Locale locale) {
        String plain = amount.stripTrailingZeros().scale() < 0 ? amount.setScale(0).toPlainString()
                : amount.stripTrailingZeros().toPlainString();
        return "vi".equals(locale.getLanguage()) ? plain.replace('.', ',') : plain;
    }
}
