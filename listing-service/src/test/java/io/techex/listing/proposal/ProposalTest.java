package io.techex.listing.proposal;

import io.techex.listing.api.AttachmentRef;
import io.techex.listing.api.LocalizedText;
import io.techex.listing.api.Money;
import io.techex.listing.api.NegotiationRequested;
import io.techex.listing.api.ProposalDeclined;
import io.techex.listing.api.ProposalKind;
import io.techex.listing.api.ProposalShortlisted;
import io.techex.listing.api.ProposalSubmitted;
import io.techex.listing.api.ProposalWithdrawn;
import io.techex.listing.api.RndOffer;
import io.techex.platform.rules.RuleViolation;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

class ProposalTest {

    private static final String NEED = "3f6b2a1c-9d4e-4c7a-8b21-5e0f9a7c3d12";
    private static final String LISTING = "0b8f7a52-3c1e-4d8a-9f54-2a7c1e0d9b13";
    private static final String OFFER_ID = "8a1d4f0e-2b7c-4e39-9a65-c3f1b2d4e5a6";
    private static final String LISTING_PROPOSAL = Proposal.idOfListing(NEED, LISTING);
    private static final String FIRM = "mekong-biotech";
    private static final String UNIVERSITY = "hust";
    private static final Instant AT = Instant.parse("2027-02-01T09:30:00Z");
    private static final LocalizedText MESSAGE = new LocalizedText("Đã thử nghiệm pilot.", null);
    private static final RndOffer OFFER = new RndOffer(new LocalizedText("Hệ keo tụ điện hóa 500 m³/ngày", null), 18,
            new Money(new BigDecimal("1800000000"), "VND"), 7);
    private static final ProposalAttachment QUOTE = new ProposalAttachment("b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e",
            "bao-gia.pdf", "application/pdf", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 482133);

    private AggregateTestFixture<Proposal> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Proposal.class);
    }

    private static ProposalDrafted offerDrafted() {
        return new ProposalDrafted(OFFER_ID, NEED, FIRM, UNIVERSITY, ProposalKind.RND_OFFER, null, MESSAGE, OFFER);
    }

    private static ProposalDrafted listingDrafted() {
        return new ProposalDrafted(LISTING_PROPOSAL, NEED, FIRM, UNIVERSITY, ProposalKind.LISTING, LISTING, null, null);
    }

    private static ProposalSubmitted offerSubmitted() {
        return new ProposalSubmitted(OFFER_ID, NEED, FIRM, UNIVERSITY, ProposalKind.RND_OFFER, null, MESSAGE, OFFER,
                List.of(QUOTE.ref()), AT);
    }

    private static ProposalSubmitted listingSubmitted() {
        return new ProposalSubmitted(LISTING_PROPOSAL, NEED, FIRM, UNIVERSITY, ProposalKind.LISTING, LISTING, null, null,
                List.of(), AT);
    }

    @Test
    void aUniversityDraftsAnRndOfferItsCostInVndUnlessNamed() {
        fixture.givenNoPriorActivity()
                .when(new DraftProposal(OFFER_ID, NEED, FIRM, UNIVERSITY, ProposalKind.RND_OFFER, null,
                        new LocalizedText(" Đã thử nghiệm pilot. ", null),
                        new RndOffer(OFFER.description(), 18, new Money(new BigDecimal("1.8E9"), null), 7)))
                .expectEvents(offerDrafted());
    }

    @Test
    void aUniversityDraftsAProposalOfItsListing() {
        fixture.givenNoPriorActivity()
                .when(new DraftProposal(LISTING_PROPOSAL, NEED, FIRM, UNIVERSITY, ProposalKind.LISTING, LISTING, null, null))
                .expectEvents(listingDrafted());
    }

    @Test
    void aDraftSaysWhatItOffersNamingTheFieldAtFault() {
        fixture.givenNoPriorActivity()
                .when(new DraftProposal(OFFER_ID, NEED, FIRM, UNIVERSITY, ProposalKind.RND_OFFER, null, null, null))
                .expectException(violation("invalid-rnd-offer")).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new DraftProposal(OFFER_ID, NEED, FIRM, UNIVERSITY, ProposalKind.RND_OFFER, null, null,
                        new RndOffer(OFFER.description(), 0, OFFER.cost(), null)))
                .expectException(violation("invalid-rnd-offer-duration-months")).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new DraftProposal(OFFER_ID, NEED, FIRM, UNIVERSITY, ProposalKind.RND_OFFER, null, null,
                        new RndOffer(OFFER.description(), 18, new Money(new BigDecimal("-1"), "VND"), null)))
                .expectException(violation("invalid-rnd-offer-cost-amount")).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new DraftProposal(OFFER_ID, NEED, FIRM, UNIVERSITY, ProposalKind.RND_OFFER, null, null,
                        new RndOffer(OFFER.description(), 18, new Money(BigDecimal.TEN, "XYZ"), null)))
                .expectException(violation("invalid-rnd-offer-cost-currency")).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new DraftProposal(OFFER_ID, NEED, FIRM, UNIVERSITY, ProposalKind.RND_OFFER, null, null,
                        new RndOffer(new LocalizedText(null, null), 18, OFFER.cost(), null)))
                .expectException(violation("invalid-rnd-offer-description")).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new DraftProposal(OFFER_ID, NEED, FIRM, UNIVERSITY, ProposalKind.RND_OFFER, LISTING, null, OFFER))
                .expectException(violation("invalid-listing-id")).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new DraftProposal(LISTING_PROPOSAL, NEED, FIRM, UNIVERSITY, ProposalKind.LISTING, LISTING, null, OFFER))
                .expectException(violation("invalid-rnd-offer")).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new DraftProposal(OFFER_ID, NEED, FIRM, UNIVERSITY, ProposalKind.LISTING, LISTING, null, null))
                .expectException(violation("invalid-proposal-id")).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new DraftProposal(OFFER_ID, NEED, FIRM, UNIVERSITY, null, null, null, OFFER))
                .expectException(violation("invalid-kind")).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new DraftProposal(OFFER_ID, NEED, FIRM, FIRM, ProposalKind.RND_OFFER, null, null, OFFER))
                .expectException(violation("proposal-to-oneself")).expectNoEvents();
    }

    @Test
    void filesAreAttachedToADraftOnlyAndSubmittedWithItsDigests() {
        fixture.given(offerDrafted())
                .when(new AttachToProposal(OFFER_ID, UNIVERSITY, QUOTE, AT))
                .expectEvents(new ProposalAttachmentAdded(OFFER_ID, NEED, QUOTE, AT));
        fixture.given(offerDrafted(), new ProposalAttachmentAdded(OFFER_ID, NEED, QUOTE, AT))
                .when(new AttachToProposal(OFFER_ID, UNIVERSITY, QUOTE, AT))
                .expectException(violation("attachment-already-added")).expectNoEvents();
        fixture.given(offerDrafted(), new ProposalAttachmentAdded(OFFER_ID, NEED, QUOTE, AT))
                .when(new SubmitProposal(OFFER_ID, UNIVERSITY, AT))
                .expectEvents(offerSubmitted());
        fixture.given(offerDrafted(), new ProposalAttachmentAdded(OFFER_ID, NEED, QUOTE, AT), offerSubmitted())
                .when(new AttachToProposal(OFFER_ID, UNIVERSITY, new ProposalAttachment("c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f",
                        "late.pdf", "application/pdf", QUOTE.sha256(), 10), AT))
                .expectException(violation("proposal-not-draft")).expectNoEvents();
        fixture.given(offerDrafted(), new ProposalAttachmentAdded(OFFER_ID, NEED, QUOTE, AT), offerSubmitted())
                .when(new SubmitProposal(OFFER_ID, UNIVERSITY, AT))
                .expectException(violation("proposal-already-submitted")).expectNoEvents();
    }

    @Test
    void atMostTenAttachments() {
        Object[] history = new Object[11];
        history[0] = offerDrafted();
        for (int i = 1; i <= 10; i++) {
            history[i] = new ProposalAttachmentAdded(OFFER_ID, NEED, new ProposalAttachment("a-" + i, "f" + i + ".pdf",
                    "application/pdf", QUOTE.sha256(), 10), AT);
        }
        fixture.given(history)
                .when(new AttachToProposal(OFFER_ID, UNIVERSITY, QUOTE, AT))
                .expectException(violation("too-many-attachments")).expectNoEvents();
    }

    @Test
    void onlyTheProposerWorksOnItAndTheNeedsOwnerDoesNotSeeADraft() {
        fixture.given(offerDrafted())
                .when(new SubmitProposal(OFFER_ID, "hcmut", AT))
                .expectException(AggregateNotFoundException.class).expectNoEvents();
        fixture.given(offerDrafted())
                .when(new AttachToProposal(OFFER_ID, FIRM, QUOTE, AT))
                .expectException(AggregateNotFoundException.class).expectNoEvents();
        fixture.given(offerDrafted())
                .when(new ShortlistProposal(OFFER_ID, FIRM))
                .expectException(AggregateNotFoundException.class).expectNoEvents();
        fixture.given(offerDrafted(), offerSubmitted())
                .when(new DeclineProposal(OFFER_ID, "kyoto-materials", "No"))
                .expectException(AggregateNotFoundException.class).expectNoEvents();
    }

    @Test
    void theNeedsOwnerShortlistsThenDeclinesSayingWhy() {
        fixture.given(offerDrafted(), offerSubmitted())
                .when(new ShortlistProposal(OFFER_ID, FIRM))
                .expectEvents(new ProposalShortlisted(OFFER_ID, NEED, FIRM, UNIVERSITY));
        fixture.given(offerDrafted(), offerSubmitted(), new ProposalShortlisted(OFFER_ID, NEED, FIRM, UNIVERSITY))
                .when(new ShortlistProposal(OFFER_ID, FIRM))
                .expectException(violation("proposal-already-shortlisted")).expectNoEvents();
        fixture.given(offerDrafted(), offerSubmitted(), new ProposalShortlisted(OFFER_ID, NEED, FIRM, UNIVERSITY))
                .when(new DeclineProposal(OFFER_ID, FIRM, " Over budget "))
                .expectEvents(new ProposalDeclined(OFFER_ID, NEED, FIRM, UNIVERSITY, "Over budget"));
        fixture.given(offerDrafted(), offerSubmitted())
                .when(new DeclineProposal(OFFER_ID, FIRM, null))
                .expectException(violation("invalid-reason")).expectNoEvents();
        fixture.given(offerDrafted(), offerSubmitted(), new ProposalDeclined(OFFER_ID, NEED, FIRM, UNIVERSITY, "No"))
                .when(new ShortlistProposal(OFFER_ID, FIRM))
                .expectException(violation("proposal-decided")).expectNoEvents();
    }

    @Test
    void theProposerWithdrawsASubmittedProposalNotADraftNorADecidedOne() {
        fixture.given(offerDrafted(), offerSubmitted())
                .when(new WithdrawProposal(OFFER_ID, UNIVERSITY, null))
                .expectEvents(new ProposalWithdrawn(OFFER_ID, NEED, FIRM, UNIVERSITY, null));
        fixture.given(offerDrafted())
                .when(new WithdrawProposal(OFFER_ID, UNIVERSITY, null))
                .expectException(violation("proposal-not-submitted")).expectNoEvents();
        fixture.given(offerDrafted(), offerSubmitted(), new ProposalDeclined(OFFER_ID, NEED, FIRM, UNIVERSITY, "No"))
                .when(new WithdrawProposal(OFFER_ID, UNIVERSITY, null))
                .expectException(violation("proposal-decided")).expectNoEvents();
    }

    @Test
    void theNeedsOwnerAsksToNegotiateOnAProposedListingOnce() {
        fixture.given(listingDrafted(), listingSubmitted(), new ProposalShortlisted(LISTING_PROPOSAL, NEED, FIRM, UNIVERSITY))
                .when(new RequestNegotiation(LISTING_PROPOSAL, FIRM, AT))
                .expectEvents(new NegotiationRequested(LISTING_PROPOSAL, NEED, LISTING, FIRM, UNIVERSITY, AT))
                .expectResultMessagePayload(LISTING);
        fixture.given(listingDrafted(), listingSubmitted(), new NegotiationRequested(LISTING_PROPOSAL, NEED, LISTING, FIRM, UNIVERSITY, AT))
                .when(new RequestNegotiation(LISTING_PROPOSAL, FIRM, AT))
                .expectException(violation("negotiation-already-requested")).expectNoEvents();
        fixture.given(listingDrafted(), listingSubmitted(), new NegotiationRequested(LISTING_PROPOSAL, NEED, LISTING, FIRM, UNIVERSITY, AT))
                .when(new WithdrawProposal(LISTING_PROPOSAL, UNIVERSITY, null))
                .expectException(violation("proposal-decided")).expectNoEvents();
        fixture.given(listingDrafted(), listingSubmitted(), new ProposalWithdrawn(LISTING_PROPOSAL, NEED, FIRM, UNIVERSITY, null))
                .when(new RequestNegotiation(LISTING_PROPOSAL, FIRM, AT))
                .expectException(violation("proposal-decided")).expectNoEvents();
    }

    @Test
    void anRndOfferHasNoListingToNegotiateOn() {
        fixture.given(offerDrafted(), offerSubmitted())
                .when(new RequestNegotiation(OFFER_ID, FIRM, AT))
                .expectException(violation("proposal-names-no-listing")).expectNoEvents();
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
