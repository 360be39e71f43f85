package io.techex.listing.enquiry;

import io.techex.platform.rules.RuleViolation;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnquiryTest {

    private static final String LISTING = "0b8f7a52-3c1e-4d8a-9f54-2a7c1e0d9b13";
    private static final String ID = "4a1c9e2b-7d3f-4b6a-8e5c-0f1a2b3c4d5e";
    private static final String SELLER = "hust";
    private static final String FIRM = "mekong-biotech";
    private static final EnquiryMade QUESTION = new EnquiryMade(ID, LISTING, SELLER, FIRM, EnquiryKind.QUESTION,
            "Đã thử nghiệm ở quy mô nào?");

    private AggregateTestFixture<Enquiry> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Enquiry.class);
    }

    @Test
    void aFirmAsksAQuestion() {
        fixture.givenNoPriorActivity()
                .when(new MakeEnquiry(ID, LISTING, SELLER, FIRM, EnquiryKind.QUESTION, " Đã thử nghiệm ở quy mô nào? "))
                .expectEvents(QUESTION);
    }

    @Test
    void aFirmRegistersInterestUnderItsOneInterestId() {
        String interest = Enquiry.interestIdOf(LISTING, FIRM);
        fixture.givenNoPriorActivity()
                .when(new MakeEnquiry(interest, LISTING, SELLER, FIRM, EnquiryKind.INTEREST, "Licence for the Mekong delta"))
                .expectEvents(new EnquiryMade(interest, LISTING, SELLER, FIRM, EnquiryKind.INTEREST, "Licence for the Mekong delta"));
        fixture.givenNoPriorActivity()
                .when(new MakeEnquiry(ID, LISTING, SELLER, FIRM, EnquiryKind.INTEREST, "Licence for the Mekong delta"))
                .expectException(violation("invalid-enquiry-id"))
                .expectNoEvents();
    }

    @Test
    void aMessageIsOneTo2000CharactersAndAKindIsRequired() {
        fixture.givenNoPriorActivity()
                .when(new MakeEnquiry(ID, LISTING, SELLER, FIRM, EnquiryKind.QUESTION, "  "))
                .expectException(violation("invalid-message"))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new MakeEnquiry(ID, LISTING, SELLER, FIRM, EnquiryKind.QUESTION, "x".repeat(2001)))
                .expectException(violation("invalid-message"))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new MakeEnquiry(ID, LISTING, SELLER, FIRM, EnquiryKind.QUESTION, "x".repeat(2000)))
                .expectSuccessfulHandlerExecution();
        fixture.givenNoPriorActivity()
                .when(new MakeEnquiry(ID, LISTING, SELLER, FIRM, null, "What TRL?"))
                .expectException(violation("invalid-kind"))
                .expectNoEvents();
    }

    @Test
    void aSellerDoesNotEnquireAboutItsOwnListing() {
        fixture.givenNoPriorActivity()
                .when(new MakeEnquiry(ID, LISTING, SELLER, SELLER, EnquiryKind.QUESTION, "Hello?"))
                .expectException(violation("enquiry-to-oneself"))
                .expectNoEvents();
    }

    @Test
    void theSellerAnswersAQuestionOnce() {
        fixture.given(QUESTION)
                .when(new AnswerEnquiry(ID, SELLER, " Pilot, 50 m³ a day "))
                .expectEvents(new EnquiryAnswered(ID, LISTING, "Pilot, 50 m³ a day"));
        fixture.given(QUESTION, new EnquiryAnswered(ID, LISTING, "Pilot"))
                .when(new AnswerEnquiry(ID, SELLER, "Industrial, in fact"))
                .expectException(violation("enquiry-already-answered"))
                .expectNoEvents();
        fixture.given(QUESTION)
                .when(new AnswerEnquiry(ID, SELLER, ""))
                .expectException(violation("invalid-answer"))
                .expectNoEvents();
    }

    @Test
    void interestIsNotAnswered() {
        String interest = Enquiry.interestIdOf(LISTING, FIRM);
        fixture.given(new EnquiryMade(interest, LISTING, SELLER, FIRM, EnquiryKind.INTEREST, "Licence"))
                .when(new AnswerEnquiry(interest, SELLER, "Thanks"))
                .expectException(violation("enquiry-not-a-question"))
                .expectNoEvents();
    }

    @Test
    void toAnyoneButTheSellerTheEnquiryDoesNotExist() {
        fixture.given(QUESTION)
                .when(new AnswerEnquiry(ID, FIRM, "Answering myself"))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
        fixture.given(QUESTION)
                .when(new AnswerEnquiry(ID, "hcmut", "Not my listing"))
                .expectException(AggregateNotFoundException.class)
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
