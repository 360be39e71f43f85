package io.techex.bidding.auction;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class MinimumBidTest {

    final MinimumBid rule = new MinimumBid(new BigDecimal("1000000.50"), new BigDecimal("25000"));

    @Test
    void theFirstBidMustReachTheStartingPrice() {
        assertThat(rule.after(null)).isEqualByComparingTo("1000000.50");
    }

    @Test
    void everyLaterBidMustBeatTheHighestByTheIncrement() {
        assertThat(rule.after(new BigDecimal("1000000.50"))).isEqualByComparingTo("1025000.50");
        assertThat(rule.after(new BigDecimal("2000000"))).isEqualByComparingTo("2025000");
    }
}
