package io.techex.bidding.sealed;

import io.techex.bidding.api.AuctionFormat;
import io.techex.bidding.api.AuctionScheduled;
import io.techex.bidding.api.DealAgreed;
import io.techex.bidding.api.DealSource;
import io.techex.bidding.api.DealTerms;
import io.techex.bidding.api.DealType;
import io.techex.bidding.api.Price;
import io.techex.bidding.api.AuctionClosedWithoutSale;
import io.techex.bidding.api.SealedBidCommitted;
import io.techex.bidding.api.SealedBidRevealed;
import io.techex.bidding.api.SealedBidVoided;
import io.techex.bidding.auction.AuctionTerms;
import io.techex.platform.rules.RuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rule of a sealed-bid auction, given-when-then. */
class SealedBidAuctionTest {

    static final String ID = "a1c2e3f4-0000-4000-8000-000000000002";
    static final String LISTING = "0b8f7a52-3c1e-4d8a-9f54-2a7c1e0d9b13";
    static final Instant NOW = Instant.parse("2030-03-02T08:00:00Z");
    static final Instant STARTS = NOW.plus(Duration.ofHours(1));
    static final Instant DUE = STARTS.plus(Duration.ofDays(7));
    static final Instant ENDS = DUE.plus(Duration.ofDays(1));
    static final AuctionTerms TERMS = new AuctionTerms(DealType.ASSIGNMENT, null, null, null);
    static final BigDecimal RESERVE = new BigDecimal("1500000000");
    static final String MEKONG = "mekong-biotech";
    static final String KYOTO = "kyoto-materials";

    private AggregateTestFixture<SealedBidAuction> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SealedBidAuction.class);
    }

    static ScheduleSealedBidAuction schedule() {
        return new ScheduleSealedBidAuction(ID, LISTING, "hust", EnumSet.allOf(DealType.class), TERMS, "VND", RESERVE,
                STARTS, DUE, ENDS, NOW);
    }

    static SealedBidAuctionScheduled scheduled() {
        return new SealedBidAuctionScheduled(ID, LISTING, "hust", TERMS, "VND", RESERVE, STARTS, DUE, ENDS);
    }

    static String hash(String firm, String amount, String secret) {
        return SealedBidCommitment.of(ID, firm, new BigDecimal(amount), "VND", secret);
    }

    static CommitSealedBid commit(String bidId, String firm, String amount, String secret, Instant at) {
        return new CommitSealedBid(ID, bidId, firm, hash(firm, amount, secret), at);
    }

    static SealedBidCommitted committed(String bidId, String firm, String amount, String secret, int number, Instant at) {
        return new SealedBidCommitted(ID, LISTING, bidId, firm, hash(firm, amount, secret), number, at);
    }

    static RevealSealedBid reveal(String firm, String amount, String secret, Instant at) {
        return new RevealSealedBid(ID, firm, new BigDecimal(amount), "VND", secret, at);
    }

    static SealedBidRevealed revealed(String firm, String amount, String secret, int number, Instant at) {
        return new SealedBidRevealed(ID, LISTING, firm, new BigDecimal(amount), "VND", secret, number, at);
    }

    static DealAgreed deal(String buyer, String amount) {
        return new DealAgreed(ID, LISTING, "hust", buyer,
                new DealTerms(DealType.ASSIGNMENT, null, null, null, Price.lumpSum(new BigDecimal(amount), "VND")),
                new DealSource(DealSource.Kind.SEALED_BID_AUCTION, ID), ENDS);
    }

    @Test
    void theCommitmentIsTheSha256OfTheDocumentedCanonicalString() {
        assertThat(SealedBidCommitment.canonical("a1", "kyoto-materials", new BigDecimal("1.50E9"), "VND", "s3cret"))
                .isEqualTo("a1|kyoto-materials|1500000000|VND|s3cret");
        assertThat(SealedBidCommitment.canonical("a1", "kyoto-materials", new BigDecimal("1500000000.50"), "VND", "s"))
                .isEqualTo("a1|kyoto-materials|1500000000.5|VND|s");
        // echo -n 'a1|kyoto-materials|1500000000|VND|s3cret' | sha256sum
        assertThat(SealedBidCommitment.of("a1", "kyoto-materials", new BigDecimal("1500000000"), "VND", "s3cret"))
                .isEqualTo("f09c4b8184c8608ffd2b2eb80baddbf0c3961dd2fb391edff8a3697ba65f7e81");
    }

    @Test
    void aSellerSchedulesASealedBidAuctionAnnouncedWithoutItsReserveAndClosedByAPersistedDeadline() {
        fixture.givenNoPriorActivity()
                .when(schedule())
                .expectEvents(scheduled(), new AuctionScheduled(ID, LISTING, "hust", AuctionFormat.SEALED_BID,
                        DealType.ASSIGNMENT, "VND", STARTS, DUE, ENDS))
                .expectScheduledDeadline(ENDS, new SealedBidAuctionEndDue());
    }

    @Test
    void bidsAreDueAfterTheStartAndRevealedBeforeTheEnd() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleSealedBidAuction(ID, LISTING, "hust", EnumSet.allOf(DealType.class), TERMS, "VND",
                        RESERVE, STARTS, STARTS, ENDS, NOW))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("Bids are due after the auction starts");
        fixture.givenNoPriorActivity()
                .when(new ScheduleSealedBidAuction(ID, LISTING, "hust", EnumSet.allOf(DealType.class), TERMS, "VND",
                        RESERVE, STARTS, DUE, DUE, NOW))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("The reveal phase ends after bids are due");
        fixture.givenNoPriorActivity()
                .when(new ScheduleSealedBidAuction(ID, LISTING, "hust", EnumSet.of(DealType.NON_EXCLUSIVE_LICENCE), TERMS,
                        "VND", RESERVE, STARTS, DUE, ENDS, NOW))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aCommitmentCarriesTheHashOnlyAndIsTakenFromTheStartUntilBidsAreDue() {
        fixture.given(scheduled())
                .when(commit("b1", MEKONG, "1600000000", "s1", STARTS))
                .expectEvents(committed("b1", MEKONG, "1600000000", "s1", 1, STARTS))
                .expectResultMessagePayload(1);
        fixture.given(scheduled())
                .when(commit("b1", MEKONG, "1600000000", "s1", STARTS.minusSeconds(1)))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("Auction " + ID + " starts at " + STARTS);
        fixture.given(scheduled())
                .when(commit("b1", MEKONG, "1600000000", "s1", DUE))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("Bids on auction " + ID + " were due by " + DUE);
    }

    @Test
    void aCommitmentIsAWellFormedHashFromAnotherOrganisationThanTheSeller() {
        fixture.given(scheduled())
                .when(new CommitSealedBid(ID, "b1", MEKONG, "1600000000", STARTS))
                .expectException(RuleViolation.class)
                .expectNoEvents();
        fixture.given(scheduled())
                .when(commit("b1", "hust", "1600000000", "s1", STARTS))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("A firm cannot bid on its own organisation's listing");
    }

    @Test
    void aCommitmentIsBindingAndARetryCountsOnce() {
        fixture.given(scheduled(), committed("b1", MEKONG, "1600000000", "s1", 1, STARTS))
                .when(commit("b1", MEKONG, "1600000000", "s1", STARTS.plusSeconds(5)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(1);
        fixture.given(scheduled(), committed("b1", MEKONG, "1600000000", "s1", 1, STARTS))
                .when(commit("b2", MEKONG, "1700000000", "s2", STARTS.plusSeconds(5)))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aBidIdAlreadyCommittedWithAnotherHashIsAReusedIdempotencyKey() {
        fixture.given(scheduled(), committed("b1", MEKONG, "1600000000", "s1", 1, STARTS))
                .when(commit("b1", MEKONG, "1700000000", "s1", STARTS.plusSeconds(5)))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("already used for a different request"))
                .expectNoEvents();
    }

    @Test
    void aRevealIsTakenFromTheBidDeadlineUntilTheEndAndOnlyWhenItMatchesTheCommitment() {
        var given = new Object[]{scheduled(), committed("b1", MEKONG, "1600000000", "s1", 1, STARTS)};
        fixture.given(given)
                .when(reveal(MEKONG, "1600000000", "s1", DUE.minusSeconds(1)))
                .expectException(RuleViolation.class)
                .expectNoEvents();
        fixture.given(given)
                .when(reveal(MEKONG, "1600000000.00", "s1", DUE))
                .expectEvents(revealed(MEKONG, "1600000000", "s1", 1, DUE));
        fixture.given(given)
                .when(reveal(MEKONG, "1600000000", "s1", ENDS))
                .expectException(RuleViolation.class)
                .expectNoEvents();
        fixture.given(given)
                .when(reveal(MEKONG, "1700000000", "s1", DUE))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("Amount, currency and secret do not hash to your commitment " + hash(MEKONG, "1600000000", "s1"))
                .expectNoEvents();
        fixture.given(given)
                .when(reveal(KYOTO, "1600000000", "s1", DUE))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("Your organisation committed no bid on auction " + ID);
    }

    @Test
    void anotherFirmCannotRevealACopiedCommitment() {
        fixture.given(scheduled(), committed("b1", MEKONG, "1600000000", "s1", 1, STARTS),
                        new SealedBidCommitted(ID, LISTING, "b2", KYOTO, hash(MEKONG, "1600000000", "s1"), 2, STARTS))
                .when(reveal(KYOTO, "1600000000", "s1", DUE))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aRevealedBidIsRevealedOnce() {
        fixture.given(scheduled(), committed("b1", MEKONG, "1600000000", "s1", 1, STARTS),
                        revealed(MEKONG, "1600000000", "s1", 1, DUE))
                .when(reveal(MEKONG, "1600000000", "s1", DUE.plusSeconds(1)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theHighestValidRevealedBidAtOrAboveTheReserveWinsAndPaysItsBid() {
        fixture.givenCommands(schedule(), commit("b1", MEKONG, "1600000000", "s1", STARTS),
                        commit("b2", KYOTO, "1800000000", "s2", STARTS.plusSeconds(1)),
                        reveal(MEKONG, "1600000000", "s1", DUE), reveal(KYOTO, "1800000000", "s2", DUE))
                .whenTimeAdvancesTo(ENDS)
                .expectEvents(new SealedBidAuctionWon(ID, KYOTO, new BigDecimal("1800000000"), "VND", ENDS),
                        deal(KYOTO, "1800000000"));
    }

    @Test
    void anUnrevealedBidIsVoidEvenIfItWasTheHighest() {
        fixture.givenCommands(schedule(), commit("b1", MEKONG, "1600000000", "s1", STARTS),
                        commit("b2", KYOTO, "9000000000", "s2", STARTS.plusSeconds(1)),
                        reveal(MEKONG, "1600000000", "s1", DUE))
                .whenTimeAdvancesTo(ENDS)
                .expectEvents(new SealedBidVoided(ID, LISTING, KYOTO, "not revealed by " + ENDS, ENDS),
                        new SealedBidAuctionWon(ID, MEKONG, new BigDecimal("1600000000"), "VND", ENDS),
                        deal(MEKONG, "1600000000"));
    }

    @Test
    void equalAmountsGoToTheEarlierCommitment() {
        fixture.givenCommands(schedule(), commit("b1", KYOTO, "1600000000", "s1", STARTS),
                        commit("b2", MEKONG, "1600000000", "s2", STARTS.plusSeconds(1)),
                        reveal(MEKONG, "1600000000", "s2", DUE), reveal(KYOTO, "1600000000", "s1", DUE.plusSeconds(1)))
                .whenTimeAdvancesTo(ENDS)
                .expectEvents(new SealedBidAuctionWon(ID, KYOTO, new BigDecimal("1600000000"), "VND", ENDS),
                        deal(KYOTO, "1600000000"));
    }

    @Test
    void belowTheReserveOrWithoutAValidBidTheAuctionClosesWithoutSale() {
        fixture.givenCommands(schedule(), commit("b1", MEKONG, "1400000000", "s1", STARTS),
                        reveal(MEKONG, "1400000000", "s1", DUE))
                .whenTimeAdvancesTo(ENDS)
                .expectEvents(new AuctionClosedWithoutSale(ID, LISTING, "the reserve was not met", ENDS));
        fixture.givenCommands(schedule(), commit("b1", MEKONG, "1600000000", "s1", STARTS))
                .whenTimeAdvancesTo(ENDS)
                .expectEvents(new SealedBidVoided(ID, LISTING, MEKONG, "not revealed by " + ENDS, ENDS),
                        new AuctionClosedWithoutSale(ID, LISTING, "no valid bid", ENDS));
    }

    @Test
    void aCancelledAuctionClosesOnceAndTakesNothingMore() {
        fixture.given(scheduled())
                .when(new CancelSealedBidAuction(ID, "listing withdrawn", STARTS))
                .expectEvents(new AuctionClosedWithoutSale(ID, LISTING, "listing withdrawn", STARTS));
        fixture.given(scheduled(), new AuctionClosedWithoutSale(ID, LISTING, "listing withdrawn", STARTS))
                .when(new CancelSealedBidAuction(ID, "listing withdrawn", STARTS))
                .expectNoEvents();
        fixture.given(scheduled(), new AuctionClosedWithoutSale(ID, LISTING, "listing withdrawn", STARTS))
                .when(commit("b1", MEKONG, "1600000000", "s1", STARTS.plusSeconds(1)))
                .expectException(RuleViolation.class);
    }
}
