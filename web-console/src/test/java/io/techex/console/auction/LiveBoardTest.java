package io.techex.console.auction;

import io.techex.console.services.BiddingModel.Auction;
import io.techex.console.services.BiddingModel.Board;
import io.techex.console.services.BiddingModel.OwnBid;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a reader stands comes from bidding-service's answer to the reader alone. */
class LiveBoardTest {

    private static final Locale VI = Locale.forLanguageTag("vi");
    private static final Instant END = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void aBidderLeadsOrWasOutbidAndAfterTheCloseWonOrLost() {
        assertThat(live("OPEN", reader(true, true)).you()).isEqualTo("LEADING");
        assertThat(live("OPEN", reader(true, true)).youText()).isEqualTo("Bạn đang dẫn đầu");
        assertThat(live("OPEN", reader(true, false)).you()).isEqualTo("OUTBID");
        assertThat(live("WON", reader(true, true)).you()).isEqualTo("WON");
        assertThat(live("WON", reader(true, false)).you()).isEqualTo("LOST");
        assertThat(live("OPEN", reader(false, false)).you()).as("a watcher that has not bid").isNull();
    }

    @Test
    void theBoardIsWordedForTheReaderAndItsMinimumIsTypedAsTheReaderTypesIt() {
        LiveBoard board = live("OPEN", reader(true, false));
        assertThat(board.priceText()).isEqualTo("510.000.000\u00a0₫");
        assertThat(board.priceWords()).isEqualTo("năm trăm mười triệu đồng");
        assertThat(board.minimumBid()).isEqualTo("520000000");
        assertThat(board.bidCountText()).isEqualTo("2 lượt");
        assertThat(board.endsAtText()).isEqualTo("17:00:00, 05/12/2026");
        assertThat(live("WON", reader(true, true)).minimumBid()).as("no next bid once closed").isNull();
    }

    private static LiveBoard live(String phase, Auction reader) {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        Board board = new Board("a-1", "ENGLISH", phase, "VND", new BigDecimal("510000000"),
                "OPEN".equals(phase) ? new BigDecimal("520000000") : null, 2, END.minusSeconds(3600), null, END, 30);
        return LiveBoard.of(board, reader, VI, messages);
    }

    private static Auction reader(boolean hasBid, boolean leads) {
        return new Auction("a-1", "l-1", "hust", "OPEN", "ASSIGNMENT", null, null, null, "VND", new BigDecimal("500000000"),
                new BigDecimal("10000000"), new BigDecimal("510000000"), new BigDecimal("520000000"), 2, leads,
                hasBid ? new OwnBid(leads ? new BigDecimal("510000000") : new BigDecimal("500000000"), 1, END, 1) : null,
                END.minusSeconds(3600), END, 5, 30, null, null);
    }
}
