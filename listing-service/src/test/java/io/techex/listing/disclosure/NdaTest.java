package io.techex.listing.disclosure;

import io.techex.listing.api.NdaAccepted;
import io.techex.platform.rules.RuleViolation;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NdaTest {

    private static final String LISTING = "0b8f7a52-3c1e-4d8a-9f54-2a7c1e0d9b13";
    private static final String SELLER = "hust";
    private static final String FIRM = "mekong-biotech";
    private static final String ID = Nda.idOf(LISTING, FIRM);
    private static final NdaRequested REQUESTED = new NdaRequested(ID, LISTING, SELLER, FIRM, "Pilot in Cần Thơ");

    private AggregateTestFixture<Nda> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Nda.class);
    }

    @Test
    void aFirmRequestsAnNda() {
        fixture.givenNoPriorActivity()
                .when(new RequestNda(ID, LISTING, SELLER, FIRM, "  Pilot in Cần Thơ "))
                .expectEvents(REQUESTED);
    }

    @Test
    void theMessageIsOptionalAndAtMost2000Characters() {
        fixture.givenNoPriorActivity()
                .when(new RequestNda(ID, LISTING, SELLER, FIRM, " "))
                .expectEvents(new NdaRequested(ID, LISTING, SELLER, FIRM, null));
        fixture.givenNoPriorActivity()
                .when(new RequestNda(ID, LISTING, SELLER, FIRM, "x".repeat(2001)))
                .expectException(violation("invalid-message"))
                .expectNoEvents();
    }

    @Test
    void theIdIsDerivedFromListingAndFirm() {
        String otherId = Nda.idOf(LISTING, "kyoto-materials");
        fixture.givenNoPriorActivity()
                .when(new RequestNda(otherId, LISTING, SELLER, FIRM, null))
                .expectException(violation("invalid-nda-id"))
                .expectNoEvents();
    }

    @Test
    void aSellerNeedsNoNdaWithItself() {
        String id = Nda.idOf(LISTING, SELLER);
        fixture.givenNoPriorActivity()
                .when(new RequestNda(id, LISTING, SELLER, SELLER, null))
                .expectException(violation("nda-with-oneself"))
                .expectNoEvents();
    }

    @Test
    void aPendingOrAcceptedNdaIsNotRequestedAgain() {
        fixture.given(REQUESTED)
                .when(new RequestNda(ID, LISTING, SELLER, FIRM, "again"))
                .expectException(violation("nda-already-requested"))
                .expectNoEvents();
        fixture.given(REQUESTED, new NdaAccepted(ID, LISTING, SELLER, FIRM))
                .when(new RequestNda(ID, LISTING, SELLER, FIRM, "again"))
                .expectException(violation("nda-already-accepted"))
                .expectNoEvents();
    }

    @Test
    void afterADeclineTheFirmMayAskAgain() {
        fixture.given(REQUESTED, new NdaDeclined(ID, LISTING, "Competitor"))
                .when(new RequestNda(ID, LISTING, SELLER, FIRM, "We dropped the competing line"))
                .expectEvents(new NdaRequested(ID, LISTING, SELLER, FIRM, "We dropped the competing line"));
    }

    @Test
    void theSellerAccepts() {
        fixture.given(REQUESTED)
                .when(new AcceptNda(ID, SELLER))
                .expectEvents(new NdaAccepted(ID, LISTING, SELLER, FIRM));
    }

    @Test
    void theSellerDeclinesSayingWhy() {
        fixture.given(REQUESTED)
                .when(new DeclineNda(ID, SELLER, " Competitor "))
                .expectEvents(new NdaDeclined(ID, LISTING, "Competitor"));
        fixture.given(REQUESTED)
                .when(new DeclineNda(ID, SELLER, " "))
                .expectException(violation("invalid-reason"))
                .expectNoEvents();
    }

    @Test
    void onlyTheSellerDecidesAndToOthersTheNdaDoesNotExist() {
        fixture.given(REQUESTED)
                .when(new AcceptNda(ID, FIRM))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
        fixture.given(REQUESTED)
                .when(new DeclineNda(ID, "hcmut", "Not mine"))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void aDecisionIsTakenOnce() {
        fixture.given(REQUESTED, new NdaAccepted(ID, LISTING, SELLER, FIRM))
                .when(new DeclineNda(ID, SELLER, "Changed my mind"))
                .expectException(violation("nda-already-accepted"))
                .expectNoEvents();
        fixture.given(REQUESTED, new NdaDeclined(ID, LISTING, "Competitor"))
                .when(new AcceptNda(ID, SELLER))
                .expectException(violation("nda-already-declined"))
                .expectNoEvents();
    }

    private static Matcher<RuleViolation> violation(String code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleViolation violation) {
                return violation.code().equals(code);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a rule violation " + code);
            }
        };
    }
}
