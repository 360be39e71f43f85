package io.techex.bidding.auction;

import io.techex.testkit.IntegrationTest;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A bid's answer comes back from PostgreSQL as it was given, to the nanosecond and with its amounts' scale (a negative
 * one, 1.5E+9, comes back as 1500000000: PostgreSQL's numeric has none; the same number in JSON); a second
 * answer for one bid id (only another instance taking the same request at the same moment can write one) is the
 * conflict the API answers with 409, and the first stays.
 */
@IntegrationTest
class StoredBidAnswersTest {

    @Autowired
    BidAnswers answers;

    @Test
    void anAnswerComesBackAsItWasGiven() {
        String auctionId = UUID.randomUUID().toString();
        PlacedBid given = new PlacedBid("b1", 7, new BigDecimal("1250000000.50"), "VND",
                Instant.parse("2026-12-07T01:02:03.123456789Z"), null, new BigDecimal("1.5E+9"), false);

        answers.record(auctionId, given);

        PlacedBid found = answers.find(auctionId, "b1").orElseThrow();
        assertThat(found).usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(given);
        assertThat(found.amount()).as("with its scale").isEqualTo(new BigDecimal("1250000000.50"));
        assertThat(found.placedAt()).isEqualTo(given.placedAt());
        assertThat(answers.find(auctionId, "b2")).isEmpty();
        assertThat(answers.find(UUID.randomUUID().toString(), "b1")).isEmpty();
    }

    @Test
    void aSecondAnswerForOneBidIdIsAConflictAndTheFirstStays() {
        String auctionId = UUID.randomUUID().toString();
        PlacedBid first = new PlacedBid("b1", 1, new BigDecimal("1000000"), "VND", Instant.parse("2026-12-07T01:00:00Z"));
        answers.record(auctionId, first);

        assertThatThrownBy(() -> answers.record(auctionId, new PlacedBid("b1", 2, new BigDecimal("1100000"), "VND",
                Instant.parse("2026-12-07T01:00:01Z")))).isInstanceOf(ConcurrencyException.class);
        assertThat(answers.find(auctionId, "b1")).contains(first);
    }
}
