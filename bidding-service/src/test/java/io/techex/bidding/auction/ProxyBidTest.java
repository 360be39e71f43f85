package io.techex.bidding.auction;

import io.techex.bidding.api.AuctionClosedWithoutSale;
import io.techex.bidding.api.AuctionExtended;
import io.techex.bidding.api.BidPlaced;
import io.techex.bidding.api.DealAgreed;
import io.techex.bidding.api.DealSource;
import io.techex.bidding.api.DealTerms;
import io.techex.bidding.api.DealType;
import io.techex.bidding.api.Price;
import io.techex.platform.rules.RuleViolation;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.techex.bidding.auction.AuctionTest.ENDS;
import static io.techex.bidding.auction.AuctionTest.ID;
import static io.techex.bidding.auction.AuctionTest.LISTING;
import static io.techex.bidding.auction.AuctionTest.STARTS;
import static io.techex.bidding.auction.AuctionTest.bid;
import static io.techex.bidding.auction.AuctionTest.fixture;
import static io.techex.bidding.auction.AuctionTest.placed;
import static io.techex.bidding.auction.AuctionTest.schedule;
import static io.techex.bidding.auction.AuctionTest.scheduled;

/**
 * Every rule of proxy (maximum) bids, given-when-then, as an auction house states them. The auction starts at
 * 1,000,000,000 VND, takes increments of 50,000,000 and has a hidden reserve of 1,500,000,000. Mekong Biotech is the
 * earlier bidder throughout, Kyoto Materials the later one.
 */
class ProxyBidTest {

    static final String MEKONG = "mekong-biotech";
    static final String KYOTO = "kyoto-materials";
    static final Instant T1 = STARTS.plusSeconds(60);
    static final Instant T2 = STARTS.plusSeconds(120);

    static PlaceBid proxy(String bidId, String firm, String amount, String maximum, Instant at) {
        return new PlaceBid(ID, bidId, firm, amount == null ? null : new BigDecimal(amount), new BigDecimal(maximum), "VND", at);
    }

    static BidMaximumSet maximumSet(String bidId, String firm, String amount, String maximum, Instant at) {
        return new BidMaximumSet(ID, firm, bidId, amount == null ? null : new BigDecimal(amount), new BigDecimal(maximum), at);
    }

    /** A firm's own bid that a standing maximum outbid at once. */
    static BidPlaced outbid(String bidId, String firm, String amount, int number, Instant at) {
        return new BidPlaced(ID, LISTING, bidId, firm, new BigDecimal(amount), "VND", number, at, false, true);
    }

    /** The exchange's bid for a standing maximum in answer to the bid {@code answering}. */
    static BidPlaced answer(String answering, String firm, String amount, int number, Instant at) {
        String bidId = UUID.nameUUIDFromBytes((answering + "|proxy").getBytes(StandardCharsets.UTF_8)).toString();
        return new BidPlaced(ID, LISTING, bidId, firm, new BigDecimal(amount), "VND", number, at, true, false);
    }

    /** Mekong Biotech leads at the starting price with a secret maximum of {@code maximum}. */
    static Object[] mekongLeadsWithMaximum(String maximum) {
        return new Object[]{scheduled(0), maximumSet("m1", MEKONG, null, maximum, STARTS),
                placed("m1", MEKONG, "1000000000", 1, STARTS)};
    }

    static PlacedBid answered(String bidId, int number, String amount, Instant at, String asked, String maximum, boolean leading) {
        return new PlacedBid(bidId, number, new BigDecimal(amount), "VND", at, asked == null ? null : new BigDecimal(asked),
                maximum == null ? null : new BigDecimal(maximum), leading);
    }

    // --- a maximum alone

    @Test
    void aMaximumAloneBidsTheLeastTheAuctionTakesAndKeepsTheMaximumOutOfThePublicBid() {
        fixture().given(scheduled(0))
                .when(proxy("m1", MEKONG, null, "1300000000", STARTS))
                .expectEvents(maximumSet("m1", MEKONG, null, "1300000000", STARTS),
                        placed("m1", MEKONG, "1000000000", 1, STARTS))
                .expectResultMessagePayload(answered("m1", 1, "1000000000", STARTS, null, "1300000000", true));
        fixture().given(scheduled(0), placed("k1", KYOTO, "1000000000", 1, STARTS))
                .when(proxy("m1", MEKONG, null, "1300000000", T1))
                .expectEvents(maximumSet("m1", MEKONG, null, "1300000000", T1),
                        placed("m1", MEKONG, "1050000000", 2, T1));
    }

    @Test
    void aBidWithAnAmountAndAMaximumBidsTheAmountNow() {
        fixture().given(scheduled(0))
                .when(proxy("m1", MEKONG, "1200000000", "1300000000", STARTS))
                .expectEvents(maximumSet("m1", MEKONG, "1200000000", "1300000000", STARTS),
                        placed("m1", MEKONG, "1200000000", 1, STARTS));
    }

    // --- a plain bid against a standing maximum

    @Test
    void aPlainBidAgainstAStandingMaximumIsAnsweredAtOnceOneIncrementAbove() {
        fixture().given(mekongLeadsWithMaximum("1300000000"))
                .when(bid("k1", KYOTO, "1100000000", T1))
                .expectEvents(outbid("k1", KYOTO, "1100000000", 2, T1), answer("k1", MEKONG, "1150000000", 3, T1))
                .expectResultMessagePayload(answered("k1", 2, "1100000000", T1, "1100000000", null, false));
    }

    @Test
    void theAnswerNeverPassesTheMaximumEvenWhenOneIncrementAboveWould() {
        fixture().given(mekongLeadsWithMaximum("1300000000"))
                .when(bid("k1", KYOTO, "1280000000", T1))
                .expectEvents(outbid("k1", KYOTO, "1280000000", 2, T1), answer("k1", MEKONG, "1300000000", 3, T1));
    }

    @Test
    void aPlainBidEqualToTheMaximumLosesTheTieToTheEarlierMaximum() {
        fixture().given(mekongLeadsWithMaximum("1300000000"))
                .when(bid("k1", KYOTO, "1300000000", T1))
                .expectEvents(outbid("k1", KYOTO, "1300000000", 2, T1), answer("k1", MEKONG, "1300000000", 3, T1))
                .expectResultMessagePayload(answered("k1", 2, "1300000000", T1, "1300000000", null, false));
    }

    @Test
    void aPlainBidAboveTheMaximumLeadsUnansweredAndTheSpentMaximumBidsNoMore() {
        fixture().given(mekongLeadsWithMaximum("1300000000"))
                .when(bid("k1", KYOTO, "1350000000", T1))
                .expectEvents(placed("k1", KYOTO, "1350000000", 2, T1));
        fixture().given(mekongLeadsWithMaximum("1300000000")).andGiven(placed("k1", KYOTO, "1350000000", 2, T1))
                .when(bid("k2", "hanoi-robotics", "1400000000", T2))
                .expectEvents(placed("k2", "hanoi-robotics", "1400000000", 3, T2));
    }

    // --- two maxima

    @Test
    void twoMaximaResolveAtOnceToTheLowerPlusOneIncrement() {
        fixture().given(mekongLeadsWithMaximum("1300000000"))
                .when(proxy("k1", KYOTO, null, "1600000000", T1))
                .expectEvents(maximumSet("k1", KYOTO, null, "1600000000", T1), placed("k1", KYOTO, "1350000000", 2, T1))
                .expectResultMessagePayload(answered("k1", 2, "1350000000", T1, null, "1600000000", true));
        fixture().given(mekongLeadsWithMaximum("1600000000"))
                .when(proxy("k1", KYOTO, null, "1300000000", T1))
                .expectEvents(maximumSet("k1", KYOTO, null, "1300000000", T1), outbid("k1", KYOTO, "1050000000", 2, T1),
                        answer("k1", MEKONG, "1350000000", 3, T1))
                .expectResultMessagePayload(answered("k1", 2, "1050000000", T1, null, "1300000000", false));
    }

    @Test
    void twoMaximaWithinOneIncrementResolveAtTheHigherMaximum() {
        fixture().given(mekongLeadsWithMaximum("1300000000"))
                .when(proxy("k1", KYOTO, null, "1320000000", T1))
                .expectEvents(maximumSet("k1", KYOTO, null, "1320000000", T1), placed("k1", KYOTO, "1320000000", 2, T1));
        fixture().given(mekongLeadsWithMaximum("1320000000"))
                .when(proxy("k1", KYOTO, null, "1300000000", T1))
                .expectEvents(maximumSet("k1", KYOTO, null, "1300000000", T1), outbid("k1", KYOTO, "1050000000", 2, T1),
                        answer("k1", MEKONG, "1320000000", 3, T1));
    }

    @Test
    void equalMaximaGoToTheEarlierAtThatMaximum() {
        fixture().given(mekongLeadsWithMaximum("1300000000"))
                .when(proxy("k1", KYOTO, null, "1300000000", T1))
                .expectEvents(maximumSet("k1", KYOTO, null, "1300000000", T1), outbid("k1", KYOTO, "1050000000", 2, T1),
                        answer("k1", MEKONG, "1300000000", 3, T1));
        // the earlier is the earlier whoever it is: Kyoto first this time
        fixture().given(scheduled(0), maximumSet("k1", KYOTO, null, "1300000000", STARTS),
                        placed("k1", KYOTO, "1000000000", 1, STARTS))
                .when(proxy("m1", MEKONG, null, "1300000000", T1))
                .expectEvents(maximumSet("m1", MEKONG, null, "1300000000", T1), outbid("m1", MEKONG, "1050000000", 2, T1),
                        answer("m1", KYOTO, "1300000000", 3, T1));
    }

    @Test
    void aLaterMaximumWithAHigherOpeningAmountIsStillAnsweredAboveItsMaximum() {
        fixture().given(mekongLeadsWithMaximum("1600000000"))
                .when(proxy("k1", KYOTO, "1200000000", "1300000000", T1))
                .expectEvents(maximumSet("k1", KYOTO, "1200000000", "1300000000", T1),
                        outbid("k1", KYOTO, "1200000000", 2, T1), answer("k1", MEKONG, "1350000000", 3, T1));
        // an opening amount above the standing maximum leads at that amount
        fixture().given(mekongLeadsWithMaximum("1300000000"))
                .when(proxy("k1", KYOTO, "1450000000", "1600000000", T1))
                .expectEvents(maximumSet("k1", KYOTO, "1450000000", "1600000000", T1),
                        placed("k1", KYOTO, "1450000000", 2, T1));
    }

    // --- what is refused

    @Test
    void aMaximumBelowTheMinimumBidIsRefusedNamingTheMaximum() {
        fixture().given(scheduled(0), placed("k1", KYOTO, "1000000000", 1, STARTS))
                .when(proxy("m1", MEKONG, null, "1040000000", T1))
                .expectException(BidTooLow.class)
                .expectExceptionMessage("A maximum must be at least 1050000000 VND")
                .expectNoEvents();
        fixture().given(scheduled(0))
                .when(proxy("m1", MEKONG, "1200000000", "1100000000", T1))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("A maximum is at least the bid's amount, 1200000000 VND")
                .expectNoEvents();
        fixture().given(scheduled(0))
                .when(new PlaceBid(ID, "m1", MEKONG, null, null, "VND", T1))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("A bid has an amount, a maximum or both")
                .expectNoEvents();
    }

    @Test
    void aMaximumAboveTheFirmsOwnLimitIsRefused() {
        fixture().given(scheduled(0), new BidLimitSet(ID, MEKONG, new BigDecimal("1200000000")))
                .when(proxy("m1", MEKONG, null, "1300000000", T1))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("Your organisation limited its bids on this auction to 1200000000 VND")
                .expectNoEvents();
    }

    @Test
    void aLimitSetAfterTheMaximumCapsTheExchangesBids() {
        fixture().given(mekongLeadsWithMaximum("1300000000")).andGiven(new BidLimitSet(ID, MEKONG, new BigDecimal("1200000000")))
                .when(bid("k1", KYOTO, "1180000000", T1))
                .expectEvents(outbid("k1", KYOTO, "1180000000", 2, T1), answer("k1", MEKONG, "1200000000", 3, T1));
        fixture().given(mekongLeadsWithMaximum("1300000000")).andGiven(new BidLimitSet(ID, MEKONG, new BigDecimal("1200000000")))
                .when(bid("k1", KYOTO, "1250000000", T1))
                .expectEvents(placed("k1", KYOTO, "1250000000", 2, T1));
    }

    // --- the leader's own maximum

    @Test
    void theLeaderRaisesItsMaximumWithoutBiddingAgainstItself() {
        fixture().given(mekongLeadsWithMaximum("1300000000"))
                .when(proxy("m2", MEKONG, null, "1800000000", T1))
                .expectEvents(maximumSet("m2", MEKONG, null, "1800000000", T1))
                .expectResultMessagePayload(answered("m2", 1, "1000000000", T1, null, "1800000000", true));
        // and the raised maximum is the one that answers
        fixture().given(mekongLeadsWithMaximum("1300000000")).andGiven(maximumSet("m2", MEKONG, null, "1800000000", T1))
                .when(bid("k1", KYOTO, "1400000000", T2))
                .expectEvents(outbid("k1", KYOTO, "1400000000", 2, T2), answer("k1", MEKONG, "1450000000", 3, T2));
    }

    @Test
    void theLeadersOwnPlainBidRaisesThePriceOnceAndItsMaximumDoesNotAnswerIt() {
        fixture().given(mekongLeadsWithMaximum("1300000000"))
                .when(bid("m2", MEKONG, "1100000000", T1))
                .expectEvents(placed("m2", MEKONG, "1100000000", 2, T1));
        fixture().given(mekongLeadsWithMaximum("1300000000"))
                .when(proxy("m2", MEKONG, "1100000000", "1400000000", T1))
                .expectEvents(maximumSet("m2", MEKONG, "1100000000", "1400000000", T1),
                        placed("m2", MEKONG, "1100000000", 2, T1));
    }

    @Test
    void theLeaderMayLowerItsMaximumButNotBelowTheCurrentPrice() {
        Object[] answeredOnce = {scheduled(0), maximumSet("m1", MEKONG, null, "1300000000", STARTS),
                placed("m1", MEKONG, "1000000000", 1, STARTS), outbid("k1", KYOTO, "1100000000", 2, T1),
                answer("k1", MEKONG, "1150000000", 3, T1)};
        fixture().given(answeredOnce)
                .when(proxy("m2", MEKONG, null, "1100000000", T2))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("Your organisation leads at 1150000000 VND; a maximum cannot be below the current price")
                .expectNoEvents();
        fixture().given(answeredOnce)
                .when(proxy("m2", MEKONG, null, "1200000000", T2))
                .expectEvents(maximumSet("m2", MEKONG, null, "1200000000", T2));
    }

    // --- time, reserve, retries

    @Test
    void theSoftCloseCountsTheExchangesAnswerToo() {
        Instant late = ENDS.minus(Duration.ofMinutes(2));
        fixture().given(scheduled(5), maximumSet("m1", MEKONG, null, "1300000000", STARTS),
                        placed("m1", MEKONG, "1000000000", 1, STARTS))
                .when(bid("k1", KYOTO, "1100000000", late))
                .expectEvents(outbid("k1", KYOTO, "1100000000", 2, late), answer("k1", MEKONG, "1150000000", 3, late),
                        new AuctionExtended(ID, LISTING, late.plus(Duration.ofMinutes(5))));
        // a maximum alone in the window bids, and moves the end as any bid does
        fixture().given(scheduled(5), placed("k1", KYOTO, "1000000000", 1, STARTS))
                .when(proxy("m1", MEKONG, null, "1300000000", late))
                .expectEvents(maximumSet("m1", MEKONG, null, "1300000000", late), placed("m1", MEKONG, "1050000000", 2, late),
                        new AuctionExtended(ID, LISTING, late.plus(Duration.ofMinutes(5))));
        // a leader moving its maximum places no bid, so the end stays
        fixture().given(scheduled(5), maximumSet("m1", MEKONG, null, "1300000000", STARTS),
                        placed("m1", MEKONG, "1000000000", 1, STARTS))
                .when(proxy("m2", MEKONG, null, "1400000000", late))
                .expectEvents(maximumSet("m2", MEKONG, null, "1400000000", late));
    }

    @Test
    void aMaximumThatReachesTheReserveBuysAtTheReserveAtTheClose() {
        Instant close = ENDS;
        fixture().givenCommands(schedule(0), proxy("m1", MEKONG, null, "1700000000", STARTS),
                        bid("k1", KYOTO, "1100000000", T1))
                .whenTimeAdvancesTo(close)
                .expectEvents(new BidPlaced(ID, LISTING,
                                UUID.nameUUIDFromBytes((ID + "|reserve").getBytes(StandardCharsets.UTF_8)).toString(),
                                MEKONG, new BigDecimal("1500000000"), "VND", 4, close, true, false),
                        new AuctionWon(ID, MEKONG, new BigDecimal("1500000000"), "VND", close),
                        new DealAgreed(ID, LISTING, "hust", MEKONG, new DealTerms(DealType.EXCLUSIVE_LICENCE, null, "VN", 60,
                                Price.lumpSum(new BigDecimal("1500000000"), "VND")),
                                new DealSource(DealSource.Kind.ENGLISH_AUCTION, ID), close));
    }

    @Test
    void aMaximumBelowTheReserveDoesNotSell() {
        fixture().givenCommands(schedule(0), proxy("m1", MEKONG, null, "1450000000", STARTS),
                        bid("k1", KYOTO, "1100000000", T1))
                .whenTimeAdvancesTo(ENDS)
                .expectEvents(new AuctionClosedWithoutSale(ID, LISTING, "the reserve was not met", ENDS));
    }

    @Test
    void maximaResolvedAboveTheReserveSellAtTheResolvedPriceNotTheMaximum() {
        fixture().givenCommands(schedule(0), proxy("m1", MEKONG, null, "1900000000", STARTS),
                        proxy("k1", KYOTO, null, "1600000000", T1))
                .whenTimeAdvancesTo(ENDS)
                .expectEvents(new AuctionWon(ID, MEKONG, new BigDecimal("1650000000"), "VND", ENDS),
                        new DealAgreed(ID, LISTING, "hust", MEKONG, new DealTerms(DealType.EXCLUSIVE_LICENCE, null, "VN", 60,
                                Price.lumpSum(new BigDecimal("1650000000"), "VND")),
                                new DealSource(DealSource.Kind.ENGLISH_AUCTION, ID), ENDS));
    }

    @Test
    void aRetriedProxyBidIsAnsweredAsTheFirstTimeAndAnotherMaximumUnderItsIdIsAReusedKey() {
        afterTwoMaximaAndABidAboveThem()
                .when(proxy("k1", KYOTO, null, "1200000000.00", T2.plusSeconds(5)))
                .expectNoEvents()
                .expectResultMessagePayload(answered("k1", 2, "1050000000", T1, null, "1200000000", false));
        afterTwoMaximaAndABidAboveThem()
                .when(proxy("m1", MEKONG, null, "1300000000", T2.plusSeconds(5)))
                .expectNoEvents()
                .expectResultMessagePayload(answered("m1", 1, "1000000000", STARTS, null, "1300000000", true));
        afterTwoMaximaAndABidAboveThem()
                .when(proxy("k1", KYOTO, null, "1250000000", T2.plusSeconds(5)))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("already used for a different request"))
                .expectNoEvents();
        afterTwoMaximaAndABidAboveThem()
                .when(bid("k1", KYOTO, "1200000000", T2.plusSeconds(5)))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aLeaderThatMovedItsMaximumIsAnsweredOnItsRetryWithItsStandingBid() {
        afterTwoMaximaAndABidAboveThem()
                .andGivenCommands(proxy("h2", "hanoi-robotics", null, "1600000000", T2.plusSeconds(1)))
                .when(proxy("h2", "hanoi-robotics", null, "1600000000", T2.plusSeconds(5)))
                .expectNoEvents()
                .expectResultMessagePayload(answered("h2", 4, "1400000000", T2.plusSeconds(1), null, "1600000000", true));
    }

    /**
     * Mekong Biotech leads with a maximum, Kyoto Materials' lower maximum is answered at once, Hanoi Robotics bids above
     * both: as requests, so that their answers are recorded.
     */
    private static TestExecutor<Auction> afterTwoMaximaAndABidAboveThem() {
        return fixture().given(scheduled(0))
                .andGivenCommands(proxy("m1", MEKONG, null, "1300000000", STARTS),
                        proxy("k1", KYOTO, null, "1200000000", T1),
                        bid("h1", "hanoi-robotics", "1400000000", T2));
    }
}
