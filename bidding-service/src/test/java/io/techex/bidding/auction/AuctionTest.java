package io.techex.bidding.auction;

import io.techex.bidding.api.AuctionClosedWithoutSale;
import io.techex.bidding.api.AuctionExtended;
import io.techex.bidding.api.AuctionFormat;
import io.techex.bidding.api.AuctionScheduled;
import io.techex.bidding.api.BidPlaced;
import io.techex.bidding.api.DealAgreed;
import io.techex.bidding.api.DealSource;
import io.techex.bidding.api.DealTerms;
import io.techex.bidding.api.DealType;
import io.techex.bidding.api.Price;
import io.techex.platform.rules.RuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;

/** Every rule of an English auction, given-when-then. */
class AuctionTest {

    static final String ID = "a1c2e3f4-0000-4000-8000-000000000001";
    static final String LISTING = "0b8f7a52-3c1e-4d8a-9f54-2a7c1e0d9b13";
    static final Instant NOW = Instant.parse("2030-03-02T08:00:00Z");
    static final Instant STARTS = NOW.plus(Duration.ofHours(1));
    static final Instant ENDS = STARTS.plus(Duration.ofDays(1));
    static final AuctionTerms TERMS = new AuctionTerms(DealType.EXCLUSIVE_LICENCE, null, "VN", 60);
    static final BigDecimal START_PRICE = new BigDecimal("1000000000");
    static final BigDecimal RESERVE = new BigDecimal("1500000000");
    static final BigDecimal INCREMENT = new BigDecimal("50000000");

    /**
     * A fixture of its own for each scenario: the answers its commands record stay with it (events given to it record
     * none), so a bid id one scenario used is new to the next.
     */
    static AggregateTestFixture<Auction> fixture() {
        AggregateTestFixture<Auction> fixture = new AggregateTestFixture<>(Auction.class);
        fixture.registerInjectableResource(new BidAnswersInMemory());
        return fixture;
    }

    static ScheduleAuction schedule(int softCloseMinutes) {
        return new ScheduleAuction(ID, LISTING, "hust", EnumSet.allOf(DealType.class), TERMS, "VND", START_PRICE, RESERVE,
                INCREMENT, STARTS, ENDS, softCloseMinutes, NOW);
    }

    static EnglishAuctionScheduled scheduled(int softCloseMinutes) {
        return new EnglishAuctionScheduled(ID, LISTING, "hust", TERMS, "VND", START_PRICE, RESERVE, INCREMENT, STARTS, ENDS,
                softCloseMinutes);
    }

    /** The public announcement: no reserve, no starting price or increment. */
    static AuctionScheduled announced() {
        return new AuctionScheduled(ID, LISTING, "hust", AuctionFormat.ENGLISH, DealType.EXCLUSIVE_LICENCE, "VND", STARTS,
                null, ENDS);
    }

    static PlaceBid bid(String bidId, String firm, String amount, Instant at) {
        return new PlaceBid(ID, bidId, firm, new BigDecimal(amount), "VND", at);
    }

    static BidPlaced placed(String bidId, String firm, String amount, int number, Instant at) {
        return new BidPlaced(ID, LISTING, bidId, firm, new BigDecimal(amount), "VND", number, at);
    }

    @Test
    void aSellerSchedulesAnAuctionWhoseEndIsAPersistedDeadline() {
        fixture().givenNoPriorActivity()
                .when(schedule(5))
                .expectEvents(scheduled(5), announced())
                .expectScheduledDeadline(ENDS, new AuctionEndDue(ENDS));
    }

    @Test
    void anOptionIsNegotiatedNotAuctioned() {
        fixture().givenNoPriorActivity()
                .when(new ScheduleAuction(ID, LISTING, "hust", EnumSet.allOf(DealType.class),
                        new AuctionTerms(DealType.OPTION, null, "VN", 6), "VND", START_PRICE, RESERVE, INCREMENT, STARTS, ENDS, 5, NOW))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("An option is negotiated, not auctioned: its licence terms are part of the offer")
                .expectNoEvents();
    }

    @Test
    void anAuctionSellsADealTheListingOffersAndEndsAfterItStarts() {
        fixture().givenNoPriorActivity()
                .when(new ScheduleAuction(ID, LISTING, "hust", EnumSet.of(DealType.NON_EXCLUSIVE_LICENCE), TERMS, "VND",
                        START_PRICE, RESERVE, INCREMENT, STARTS, ENDS, 5, NOW))
                .expectException(RuleViolation.class)
                .expectNoEvents();
        fixture().givenNoPriorActivity()
                .when(new ScheduleAuction(ID, LISTING, "hust", EnumSet.allOf(DealType.class), TERMS, "VND", START_PRICE,
                        RESERVE, INCREMENT, ENDS, STARTS, 5, NOW))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("An auction ends after it starts");
        fixture().givenNoPriorActivity()
                .when(new ScheduleAuction(ID, LISTING, "hust", EnumSet.allOf(DealType.class), TERMS, "VND", START_PRICE,
                        RESERVE, BigDecimal.ZERO, STARTS, ENDS, 5, NOW))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("An amount is more than zero");
    }

    @Test
    void theFirstBidIsAtLeastTheStartingPrice() {
        fixture().given(scheduled(0))
                .when(bid("b1", "mekong-biotech", "999999999", STARTS))
                .expectException(BidTooLow.class)
                .expectExceptionMessage("A bid must be at least 1000000000 VND")
                .expectNoEvents();
        fixture().given(scheduled(0))
                .when(bid("b1", "mekong-biotech", "1000000000", STARTS))
                .expectEvents(placed("b1", "mekong-biotech", "1000000000", 1, STARTS))
                .expectResultMessagePayload(new PlacedBid("b1", 1, new BigDecimal("1000000000"), "VND", STARTS));
    }

    @Test
    void aBidBelowTheCurrentPricePlusTheIncrementIsRefusedWithTheNumberToBeat() {
        fixture().given(scheduled(0), placed("b1", "mekong-biotech", "1000000000", 1, STARTS))
                .when(bid("b2", "kyoto-materials", "1049999999", STARTS.plusSeconds(10)))
                .expectException(BidTooLow.class)
                .expectExceptionMessage("A bid must be at least 1050000000 VND")
                .expectNoEvents();
        fixture().given(scheduled(0), placed("b1", "mekong-biotech", "1000000000", 1, STARTS))
                .when(bid("b2", "kyoto-materials", "1050000000", STARTS.plusSeconds(10)))
                .expectEvents(placed("b2", "kyoto-materials", "1050000000", 2, STARTS.plusSeconds(10)));
    }

    @Test
    void biddingIsOpenFromTheStartToTheEndToTheSecond() {
        fixture().given(scheduled(0))
                .when(bid("b1", "mekong-biotech", "1000000000", STARTS.minusSeconds(1)))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("Auction " + ID + " starts at " + STARTS);
        fixture().given(scheduled(0))
                .when(bid("b1", "mekong-biotech", "1000000000", ENDS))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("Auction " + ID + " ended at " + ENDS);
        fixture().given(scheduled(0))
                .when(bid("b1", "mekong-biotech", "1000000000", ENDS.minusSeconds(1)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aFirmCannotBidOnItsOwnOrganisationsListing() {
        fixture().given(scheduled(0))
                .when(bid("b1", "hust", "1000000000", STARTS))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("A firm cannot bid on its own organisation's listing")
                .expectNoEvents();
    }

    @Test
    void aFirmCannotBidAboveTheLimitItSetForItself() {
        fixture().given(scheduled(0))
                .when(new SetBidLimit(ID, "mekong-biotech", new BigDecimal("1200000000"), "VND"))
                .expectEvents(new BidLimitSet(ID, "mekong-biotech", new BigDecimal("1200000000")));
        fixture().given(scheduled(0), new BidLimitSet(ID, "mekong-biotech", new BigDecimal("1200000000")))
                .when(bid("b1", "mekong-biotech", "1200000001", STARTS))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("Your organisation limited its bids on this auction to 1200000000 VND")
                .expectNoEvents();
        fixture().given(scheduled(0), new BidLimitSet(ID, "mekong-biotech", new BigDecimal("1200000000")))
                .when(bid("b1", "kyoto-materials", "1300000000", STARTS))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aRetriedBidCountsOnceAndIsAnsweredWithItsOwnNumberAmountAndTimeWhateverWasBidSince() {
        fixture().given(scheduled(0))
                .andGivenCommands(bid("b1", "mekong-biotech", "1000000000", STARTS),
                        bid("b2", "kyoto-materials", "1050000000", STARTS.plusSeconds(1)),
                        bid("b3", "mekong-biotech", "1100000000", STARTS.plusSeconds(2)))
                .when(bid("b1", "mekong-biotech", "1000000000.00", STARTS.plusSeconds(3)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new PlacedBid("b1", 1, new BigDecimal("1000000000"), "VND", STARTS));
    }

    @Test
    void aBidIdAlreadyAcceptedForAnotherAmountIsAReusedIdempotencyKey() {
        fixture().given(scheduled(0))
                .andGivenCommands(bid("b1", "mekong-biotech", "1000000000", STARTS))
                .when(bid("b1", "mekong-biotech", "1200000000", STARTS.plusSeconds(3)))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("already used for a different request"))
                .expectNoEvents();
    }

    @Test
    void aBidInTheSoftCloseWindowExtendsTheEnd() {
        Instant late = ENDS.minus(Duration.ofMinutes(2));
        fixture().given(scheduled(5))
                .when(bid("b1", "mekong-biotech", "1000000000", late))
                .expectEvents(placed("b1", "mekong-biotech", "1000000000", 1, late),
                        new AuctionExtended(ID, LISTING, late.plus(Duration.ofMinutes(5))));
        Instant early = ENDS.minus(Duration.ofMinutes(6));
        fixture().given(scheduled(5))
                .when(bid("b1", "mekong-biotech", "1000000000", early))
                .expectEvents(placed("b1", "mekong-biotech", "1000000000", 1, early));
    }

    @Test
    void theHighestBidAtOrAboveTheReserveWinsAtTheDeadline() {
        fixture().givenCommands(schedule(0), bid("b1", "mekong-biotech", "1000000000", STARTS),
                        bid("b2", "kyoto-materials", "1500000000", STARTS.plusSeconds(5)))
                .whenTimeAdvancesTo(ENDS)
                .expectEvents(new AuctionWon(ID, "kyoto-materials", new BigDecimal("1500000000"), "VND", ENDS),
                        new DealAgreed(ID, LISTING, "hust", "kyoto-materials",
                                new DealTerms(DealType.EXCLUSIVE_LICENCE, null, "VN", 60,
                                        Price.lumpSum(new BigDecimal("1500000000"), "VND")),
                                new DealSource(DealSource.Kind.ENGLISH_AUCTION, ID), ENDS));
    }

    @Test
    void belowTheReserveOrWithoutBidsTheAuctionClosesWithoutSale() {
        fixture().givenCommands(schedule(0), bid("b1", "mekong-biotech", "1400000000", STARTS))
                .whenTimeAdvancesTo(ENDS)
                .expectEvents(new AuctionClosedWithoutSale(ID, LISTING, "the reserve was not met", ENDS));
        fixture().givenCommands(schedule(0))
                .whenTimeAdvancesTo(ENDS)
                .expectEvents(new AuctionClosedWithoutSale(ID, LISTING, "no bids", ENDS));
    }

    @Test
    void anExtendedAuctionClosesAtItsNewEndNotTheOldOne() {
        Instant late = ENDS.minus(Duration.ofMinutes(1));
        Instant newEnd = late.plus(Duration.ofMinutes(5));
        fixture().givenCommands(schedule(5), bid("b1", "mekong-biotech", "1600000000", late))
                .whenTimeAdvancesTo(ENDS)
                .expectNoEvents()
                .expectScheduledDeadline(newEnd, new AuctionEndDue(newEnd));
        fixture().givenCommands(schedule(5), bid("b1", "mekong-biotech", "1600000000", late))
                .whenTimeAdvancesTo(newEnd)
                .expectEvents(new AuctionWon(ID, "mekong-biotech", new BigDecimal("1600000000"), "VND", newEnd),
                        new DealAgreed(ID, LISTING, "hust", "mekong-biotech",
                                new DealTerms(DealType.EXCLUSIVE_LICENCE, null, "VN", 60,
                                        Price.lumpSum(new BigDecimal("1600000000"), "VND")),
                                new DealSource(DealSource.Kind.ENGLISH_AUCTION, ID), newEnd));
    }

    @Test
    void aClosedAuctionTakesNoBidsAndACancelledOneClosesOnce() {
        fixture().given(scheduled(0), new AuctionClosedWithoutSale(ID, LISTING, "listing withdrawn", STARTS))
                .when(bid("b1", "mekong-biotech", "1000000000", STARTS.plusSeconds(1)))
                .expectException(RuleViolation.class);
        fixture().given(scheduled(0))
                .when(new CancelAuction(ID, "listing withdrawn", STARTS))
                .expectEvents(new AuctionClosedWithoutSale(ID, LISTING, "listing withdrawn", STARTS));
        fixture().given(scheduled(0), new AuctionClosedWithoutSale(ID, LISTING, "listing withdrawn", STARTS))
                .when(new CancelAuction(ID, "listing withdrawn", STARTS))
                .expectNoEvents();
    }
}
