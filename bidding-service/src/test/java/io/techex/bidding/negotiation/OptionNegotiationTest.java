package io.techex.bidding.negotiation;

import io.techex.bidding.api.DealAgreed;
import io.techex.bidding.api.DealSource;
import io.techex.bidding.api.DealTerms;
import io.techex.bidding.api.DealType;
import io.techex.bidding.api.NegotiationOpened;
import io.techex.bidding.api.OfferCountered;
import io.techex.bidding.api.OfferMade;
import io.techex.bidding.api.OptionLicence;
import io.techex.bidding.api.Party;
import io.techex.bidding.api.Price;
import io.techex.platform.rules.RuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.techex.bidding.negotiation.NegotiationTest.AT;
import static io.techex.bidding.negotiation.NegotiationTest.ID;
import static io.techex.bidding.negotiation.NegotiationTest.LISTING;
import static io.techex.bidding.negotiation.NegotiationTest.VALID_UNTIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.matches;

/** An OPTION is negotiated like any deal, its fee and period and the licence it fixes being the terms agreed. */
class OptionNegotiationTest {

    static final Set<DealType> OFFERED = EnumSet.of(DealType.OPTION, DealType.EXCLUSIVE_LICENCE);
    static final OptionLicence LICENCE = new OptionLicence(DealType.EXCLUSIVE_LICENCE, 60,
            new Price("VND", new BigDecimal("800000000"), new BigDecimal("3.5"), null, List.of()));
    /** Six months to evaluate, for 100 million VND, then an exclusive licence on fixed terms. */
    static final DealTerms OPTION = new DealTerms(DealType.OPTION, "textile wastewater", "VN", 6,
            Price.lumpSum(new BigDecimal("100000000"), "VND"), LICENCE);

    private AggregateTestFixture<Negotiation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Negotiation.class);
    }

    static MakeOffer offer(DealTerms terms) {
        return new MakeOffer(ID, LISTING, "hust", OFFERED, "mekong-biotech", terms, VALID_UNTIL, AT);
    }

    @Test
    void aFirmAsksForAnOptionTheSellerCountersOnTheLicenceAndTheFirmAcceptsTheOptionAsCountered() {
        DealTerms countered = new DealTerms(DealType.OPTION, "textile wastewater", "VN", 6,
                Price.lumpSum(new BigDecimal("150000000"), "VND"), new OptionLicence(DealType.EXCLUSIVE_LICENCE, 60,
                new Price("VND", new BigDecimal("900000000"), new BigDecimal("4"), null, List.of())));
        Instant later = AT.plus(Duration.ofHours(1));
        fixture.givenNoPriorActivity()
                .when(offer(OPTION))
                .expectEvents(new OfferMade(ID, LISTING, "hust", "mekong-biotech", 1, OPTION, VALID_UNTIL, AT),
                        new NegotiationOpened(ID, LISTING, "hust", AT));
        fixture.given(new OfferMade(ID, LISTING, "hust", "mekong-biotech", 1, OPTION, VALID_UNTIL, AT))
                .when(new CounterOffer(ID, "hust", countered, VALID_UNTIL, later))
                .expectEvents(new OfferCountered(ID, LISTING, 2, Party.SELLER, countered, VALID_UNTIL, later));
        fixture.given(new OfferMade(ID, LISTING, "hust", "mekong-biotech", 1, OPTION, VALID_UNTIL, AT),
                        new OfferCountered(ID, LISTING, 2, Party.SELLER, countered, VALID_UNTIL, later))
                .when(new AcceptOffer(ID, "mekong-biotech", later.plusSeconds(5)))
                .expectEvents(new OfferAccepted(ID, 2, Party.BUYER, later.plusSeconds(5)),
                        new DealAgreed(ID, LISTING, "hust", "mekong-biotech", countered,
                                new DealSource(DealSource.Kind.NEGOTIATION, ID), later.plusSeconds(5)));
    }

    @Test
    void anOptionFixesItsLicenceForAPeriodAndIsPaidForByItsFee() {
        refused(new DealTerms(DealType.OPTION, null, "VN", 6, Price.lumpSum(BigDecimal.TEN, "VND")), "terms.licence");
        refused(new DealTerms(DealType.OPTION, null, "VN", null, Price.lumpSum(BigDecimal.TEN, "VND"), LICENCE), "terms.termMonths");
        refused(new DealTerms(DealType.OPTION, null, "VN", 6, new Price("VND", null, new BigDecimal("2"), null, List.of()), LICENCE),
                "terms.price");
        refused(new DealTerms(DealType.OPTION, null, "VN", 6, Price.lumpSum(BigDecimal.TEN, "VND"),
                new OptionLicence(DealType.ASSIGNMENT, null, Price.lumpSum(BigDecimal.TEN, "VND"))), "terms.licence.dealType");
        refused(new DealTerms(DealType.OPTION, null, "VN", 6, Price.lumpSum(BigDecimal.TEN, "VND"),
                new OptionLicence(DealType.EXCLUSIVE_LICENCE, null, Price.lumpSum(BigDecimal.TEN, "USD"))), "terms.licence.price.currency");
        refused(new DealTerms(DealType.OPTION, null, "VN", 6, Price.lumpSum(BigDecimal.TEN, "VND"),
                new OptionLicence(DealType.EXCLUSIVE_LICENCE, null, new Price("VND", null, null, null, List.of()))), "terms.licence.price");
        refused(new DealTerms(DealType.EXCLUSIVE_LICENCE, null, "VN", 6, Price.lumpSum(BigDecimal.TEN, "VND"), LICENCE), "terms.licence");
    }

    @Test
    void anOptionIsOnlyForAListingOfferingOne() {
        fixture.givenNoPriorActivity()
                .when(new MakeOffer(ID, LISTING, "hust", EnumSet.of(DealType.EXCLUSIVE_LICENCE), "mekong-biotech", OPTION, VALID_UNTIL, AT))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void anOptionReservesItsScopeAsAnExclusiveLicenceWould() {
        assertThat(OPTION.conflictsWith(DealType.NON_EXCLUSIVE_LICENCE, "textile wastewater", "VN")).isTrue();
        assertThat(OPTION.conflictsWith(DealType.EXCLUSIVE_LICENCE, "food packaging", "VN")).isFalse();
        assertThat(OPTION.conflictsWith(DealType.ASSIGNMENT, null, null)).isTrue();
    }

    private void refused(DealTerms terms, String field) {
        fixture.givenNoPriorActivity()
                .when(offer(terms))
                .expectException(matches(thrown -> thrown instanceof RuleViolation violation && field.equals(violation.field())))
                .expectNoEvents();
    }
}
