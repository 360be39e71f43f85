package io.techex.listing.catalogue;

import io.techex.listing.api.AssetType;
import io.techex.listing.api.ListingDraftRevised;
import io.techex.listing.api.ListingDrafted;
import io.techex.listing.api.LocalizedText;
import io.techex.platform.web.RuleViolation;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListingTest {

    private static final String ID = "0b8f7a52-3c1e-4d8a-9f54-2a7c1e0d9b13";
    private static final LocalizedText TITLE = new LocalizedText("Phương pháp điều trị nước thải", "Wastewater treatment");
    private static final LocalizedText SUMMARY = new LocalizedText("Giảm 90% độ màu.", null);

    private AggregateTestFixture<Listing> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Listing.class);
    }

    @Test
    void aSellerDraftsAListing() {
        fixture.givenNoPriorActivity()
                .when(new DraftListing(ID, "hust", TITLE, SUMMARY, AssetType.PATENT, 6))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ListingDrafted(ID, "hust", TITLE, SUMMARY, AssetType.PATENT, 6));
    }

    @Test
    void aDraftNeedsAVietnameseTitle() {
        fixture.givenNoPriorActivity()
                .when(new DraftListing(ID, "hust", new LocalizedText(" ", "Only English"), SUMMARY, AssetType.PATENT, 6))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("A listing needs a Vietnamese title")
                .expectNoEvents();
    }

    @Test
    void readinessIsOneToNine() {
        fixture.givenNoPriorActivity()
                .when(new DraftListing(ID, "hust", TITLE, SUMMARY, AssetType.PATENT, 10))
                .expectException(RuleViolation.class)
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new DraftListing(ID, "hust", TITLE, SUMMARY, AssetType.PATENT, 0))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void theSellerRevisesItsDraftAndEachRevisionIsNumbered() {
        var newTitle = new LocalizedText("Vật liệu nano xử lý nước thải", null);
        fixture.given(new ListingDrafted(ID, "hust", TITLE, SUMMARY, AssetType.PATENT, 6),
                        new ListingDraftRevised(ID, 1, TITLE, SUMMARY, AssetType.PATENT, 7))
                .when(new ReviseDraft(ID, "hust", newTitle, SUMMARY, AssetType.PATENT, 7))
                .expectEvents(new ListingDraftRevised(ID, 2, newTitle, SUMMARY, AssetType.PATENT, 7));
    }

    @Test
    void anotherOrganisationCannotSeeADraftLetAloneReviseIt() {
        fixture.given(new ListingDrafted(ID, "hust", TITLE, SUMMARY, AssetType.PATENT, 6))
                .when(new ReviseDraft(ID, "vinfast", TITLE, SUMMARY, AssetType.PATENT, 6))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void aRevisionKeepsTheContentRules() {
        fixture.given(new ListingDrafted(ID, "hust", TITLE, SUMMARY, AssetType.PATENT, 6))
                .when(new ReviseDraft(ID, "hust", TITLE, new LocalizedText("", "x"), AssetType.PATENT, 6))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("A listing needs a Vietnamese summary")
                .expectNoEvents();
    }
}
