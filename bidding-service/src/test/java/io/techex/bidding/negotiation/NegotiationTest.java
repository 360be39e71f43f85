package io.techex.bidding.negotiation;

import io.techex.bidding.api.DealAgreed;
import io.techex.bidding.api.DealSource;
import io.techex.bidding.api.DealTerms;
import io.techex.bidding.api.DealType;
import io.techex.bidding.api.Milestone;
import io.techex.bidding.api.NegotiationEnded;
import io.techex.bidding.api.NegotiationOpened;
import io.techex.bidding.api.OfferCountered;
import io.techex.bidding.api.OfferMade;
import io.techex.bidding.api.Party;
import io.techex.bidding.api.Price;
import io.techex.platform.rules.RuleViolation;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rule of a negotiation, given-when-then. */
class NegotiationTest {

    static final String ID = "5d0c7e8a-2b44-4f3e-9a61-0c2f4b7d9e11";
    static final String LISTING = "0b8f7a52-3c1e-4d8a-9f54-2a7c1e0d9b13";
    static final Instant AT = Instant.parse("2030-03-02T08:00:00Z");
    static final Instant VALID_UNTIL = AT.plus(Duration.ofDays(7));
    static final Set<DealType> OFFERED = EnumSet.of(DealType.EXCLUSIVE_LICENCE, DealType.NON_EXCLUSIVE_LICENCE);
    static final DealTerms ASKED = new DealTerms(DealType.EXCLUSIVE_LICENCE, "textile wastewater", "VN", 60,
            new Price("VND", new BigDecimal("800000000"), new BigDecimal("3.5"), null, List.of()));
    static final DealTerms COUNTERED = new DealTerms(DealType.EXCLUSIVE_LICENCE, "textile wastewater", "VN", 60,
            new Price("VND", new BigDecimal("1000000000"), new BigDecimal("4"), new BigDecimal("120000000"),
                    List.of(new Milestone("first commercial sale", new BigDecimal("200000000")))));

    private AggregateTestFixture<Negotiation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Negotiation.class);
    }

    static MakeOffer offer(DealTerms terms) {
        return new MakeOffer(ID, LISTING, "hust", OFFERED, "mekong-biotech", terms, VALID_UNTIL, AT);
    }

    static OfferMade made() {
        return new OfferMade(ID, LISTING, "hust", "mekong-biotech", 1, ASKED, VALID_UNTIL, AT);
    }

    /** The public ending: no buyer, no terms, no reason. */
    static NegotiationEnded ended(NegotiationEnded.Outcome outcome, Instant at) {
        return new NegotiationEnded(ID, LISTING, outcome, at);
    }

    @Test
    void aFirmOpensANegotiationWithAnOfferThatExpiresOnItsDeadline() {
        fixture.givenNoPriorActivity()
                .when(offer(ASKED))
                .expectEvents(made(), new NegotiationOpened(ID, LISTING, "hust", AT))
                .expectScheduledDeadline(VALID_UNTIL, new OfferExpiryDue(1));
    }

    @Test
    void aFirmCannotMakeAnOfferOnItsOwnOrganisationsListing() {
        fixture.givenNoPriorActivity()
                .when(new MakeOffer(ID, LISTING, "hust", OFFERED, "hust", ASKED, VALID_UNTIL, AT))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("A firm cannot make an offer on its own organisation's listing")
                .expectNoEvents();
    }

    @Test
    void anOfferIsForADealTheListingOffers() {
        fixture.givenNoPriorActivity()
                .when(offer(new DealTerms(DealType.ASSIGNMENT, null, null, null, Price.lumpSum(BigDecimal.TEN, "VND"))))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void anOfferIsValidUntilATimeInTheFuture() {
        fixture.givenNoPriorActivity()
                .when(new MakeOffer(ID, LISTING, "hust", OFFERED, "mekong-biotech", ASKED, AT, AT))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("An offer is valid until a time in the future")
                .expectNoEvents();
    }

    @Test
    void aPriceHasAtLeastOnePartAndSaneAmounts() {
        fixture.givenNoPriorActivity()
                .when(offer(new DealTerms(DealType.EXCLUSIVE_LICENCE, null, "VN", 12, new Price("VND", null, null, null, null))))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("A price has a lump sum, a running royalty, a minimum annual royalty or milestones");
        fixture.givenNoPriorActivity()
                .when(offer(new DealTerms(DealType.EXCLUSIVE_LICENCE, null, "VN", 12,
                        new Price("VND", null, new BigDecimal("101"), null, null))))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("A running royalty is more than 0 and at most 100 percent of net sales");
        fixture.givenNoPriorActivity()
                .when(offer(new DealTerms(DealType.EXCLUSIVE_LICENCE, null, "VN", 12,
                        new Price("XYZ1", BigDecimal.ONE, null, null, null))))
                .expectException(RuleViolation.class);
        fixture.givenNoPriorActivity()
                .when(offer(new DealTerms(DealType.EXCLUSIVE_LICENCE, null, "Vietnam", 12, Price.lumpSum(BigDecimal.ONE, "VND"))))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("A territory is an ISO 3166-1 alpha-2 country code such as VN");
        fixture.givenNoPriorActivity()
                .when(offer(new DealTerms(DealType.EXCLUSIVE_LICENCE, null, "VN", null, Price.lumpSum(BigDecimal.ONE, "VND"))))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("A licence runs 1 to 1200 months");
    }

    @Test
    void theSellerCountersAndTheFirmCountersBackEachRoundAnEvent() {
        Instant later = AT.plus(Duration.ofHours(1));
        Instant until = later.plus(Duration.ofDays(3));
        fixture.given(made())
                .when(new CounterOffer(ID, "hust", COUNTERED, until, later))
                .expectEvents(new OfferCountered(ID, LISTING, 2, Party.SELLER, COUNTERED, until, later))
                .expectScheduledDeadline(until, new OfferExpiryDue(2));
        fixture.given(made(), new OfferCountered(ID, LISTING, 2, Party.SELLER, COUNTERED, until, later))
                .when(new CounterOffer(ID, "mekong-biotech", ASKED, until, later.plusSeconds(60)))
                .expectEvents(new OfferCountered(ID, LISTING, 3, Party.BUYER, ASKED, until, later.plusSeconds(60)));
    }

    @Test
    void thePartyThatMadeTheOfferOnTheTableWaitsForTheAnswer() {
        fixture.given(made())
                .when(new AcceptOffer(ID, "mekong-biotech", AT.plusSeconds(1)))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("The offer of round 1 is yours; the other party answers it")
                .expectNoEvents();
    }

    @Test
    void theSellerCountersOnTheKindOfDealTheFirmAskedFor() {
        fixture.given(made())
                .when(new CounterOffer(ID, "hust", new DealTerms(DealType.NON_EXCLUSIVE_LICENCE, null, "VN", 60,
                        Price.lumpSum(BigDecimal.TEN, "VND")), VALID_UNTIL, AT.plusSeconds(1)))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void toAnyOtherOrganisationTheNegotiationDoesNotExist() {
        fixture.given(made())
                .when(new AcceptOffer(ID, "kyoto-materials", AT.plusSeconds(1)))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void acceptingAnOfferAgreesTheDealOnItsTerms() {
        Instant acceptedAt = AT.plus(Duration.ofDays(1));
        fixture.given(made())
                .when(new AcceptOffer(ID, "hust", acceptedAt))
                .expectEvents(new OfferAccepted(ID, 1, Party.SELLER, acceptedAt),
                        new DealAgreed(ID, LISTING, "hust", "mekong-biotech", ASKED,
                                new DealSource(DealSource.Kind.NEGOTIATION, ID), acceptedAt));
    }

    @Test
    void theFirmAcceptsTheSellersCounterOffer() {
        Instant later = AT.plus(Duration.ofHours(1));
        fixture.given(made(), new OfferCountered(ID, LISTING, 2, Party.SELLER, COUNTERED, VALID_UNTIL, later))
                .when(new AcceptOffer(ID, "mekong-biotech", later.plusSeconds(5)))
                .expectEvents(new OfferAccepted(ID, 2, Party.BUYER, later.plusSeconds(5)),
                        new DealAgreed(ID, LISTING, "hust", "mekong-biotech", COUNTERED,
                                new DealSource(DealSource.Kind.NEGOTIATION, ID), later.plusSeconds(5)));
    }

    @Test
    void anOfferIsDeadFromItsDeadlineToTheSecondEvenBeforeTheExpiryFired() {
        fixture.given(made())
                .when(new AcceptOffer(ID, "hust", VALID_UNTIL))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("The offer of round 1 expired at " + VALID_UNTIL)
                .expectNoEvents();
        fixture.given(made())
                .when(new AcceptOffer(ID, "hust", VALID_UNTIL.minusSeconds(1)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void anUnansweredOfferExpiresOnItsDeadline() {
        fixture.givenCommands(offer(ASKED))
                .whenTimeAdvancesTo(VALID_UNTIL)
                .expectDeadlinesMet(new OfferExpiryDue(1))
                .expectEvents(new OfferExpired(ID, 1, VALID_UNTIL), ended(NegotiationEnded.Outcome.EXPIRED, VALID_UNTIL));
    }

    @Test
    void theDeadlineOfACounteredOfferNoLongerExpiresAnything() {
        Instant until = VALID_UNTIL.plus(Duration.ofDays(7));
        fixture.givenCommands(offer(ASKED), new CounterOffer(ID, "hust", COUNTERED, until, AT.plusSeconds(60)))
                .whenTimeAdvancesTo(VALID_UNTIL)
                .expectNoEvents();
        fixture.givenCommands(offer(ASKED), new CounterOffer(ID, "hust", COUNTERED, until, AT.plusSeconds(60)))
                .whenTimeAdvancesTo(until)
                .expectEvents(new OfferExpired(ID, 2, until), ended(NegotiationEnded.Outcome.EXPIRED, until));
    }

    @Test
    void aRejectionEndsTheNegotiation() {
        fixture.given(made())
                .when(new RejectOffer(ID, "hust", " too low ", AT.plusSeconds(1)))
                .expectEvents(new OfferRejected(ID, 1, Party.SELLER, "too low", AT.plusSeconds(1)),
                        ended(NegotiationEnded.Outcome.REJECTED, AT.plusSeconds(1)));
        fixture.given(made(), new OfferRejected(ID, 1, Party.SELLER, "too low", AT.plusSeconds(1)))
                .when(new CounterOffer(ID, "mekong-biotech", ASKED, VALID_UNTIL, AT.plusSeconds(2)))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("Negotiation " + ID + " is REJECTED; nothing is left to answer");
    }

    @Test
    void theExchangeClosesAnOpenNegotiationOnce() {
        fixture.given(made())
                .when(new CloseNegotiation(ID, "listing withdrawn", AT.plusSeconds(1)))
                .expectEvents(new NegotiationClosed(ID, "listing withdrawn"), ended(NegotiationEnded.Outcome.CLOSED, AT.plusSeconds(1)));
        fixture.given(made(), new NegotiationClosed(ID, "listing withdrawn"))
                .when(new CloseNegotiation(ID, "listing withdrawn", AT.plusSeconds(1)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(made(), new NegotiationClosed(ID, "listing withdrawn"))
                .when(new AcceptOffer(ID, "hust", AT.plusSeconds(1)))
                .expectException(RuleViolation.class);
    }

    @Test
    void anExclusiveDealConflictsWithOverlappingExclusiveOrAnyDealInItsScope() {
        DealTerms exclusiveVn = ASKED;
        assertThat(exclusiveVn.conflictsWith(DealType.EXCLUSIVE_LICENCE, null, "VN")).isTrue();
        assertThat(exclusiveVn.conflictsWith(DealType.NON_EXCLUSIVE_LICENCE, "textile wastewater", "VN")).isTrue();
        assertThat(exclusiveVn.conflictsWith(DealType.EXCLUSIVE_LICENCE, "textile wastewater", "JP")).isFalse();
        assertThat(exclusiveVn.conflictsWith(DealType.EXCLUSIVE_LICENCE, "food packaging", "VN")).isFalse();
        assertThat(exclusiveVn.conflictsWith(DealType.ASSIGNMENT, null, null)).isTrue();
        DealTerms nonExclusive = new DealTerms(DealType.NON_EXCLUSIVE_LICENCE, null, null, 12, Price.lumpSum(BigDecimal.ONE, "VND"));
        assertThat(nonExclusive.conflictsWith(DealType.NON_EXCLUSIVE_LICENCE, null, null)).isFalse();
    }
}
