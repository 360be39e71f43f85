package io.techex.listing.catalogue;

import io.techex.listing.api.AskingPrice;
import io.techex.listing.api.AssetType;
import io.techex.listing.api.CoOwnerConsented;
import io.techex.listing.api.DealOption;
import io.techex.listing.api.DealType;
import io.techex.listing.api.IpTitle;
import io.techex.listing.api.IpTitleOwner;
import io.techex.listing.api.IpTitleRef;
import io.techex.listing.api.ListingDraftRevised;
import io.techex.listing.api.ListingDrafted;
import io.techex.listing.api.ListingLicensed;
import io.techex.listing.api.ListingPublished;
import io.techex.listing.api.ListingSubmitted;
import io.techex.listing.api.ListingTransferred;
import io.techex.listing.api.ListingUnderContract;
import io.techex.listing.api.ListingWithdrawn;
import io.techex.listing.api.LocalizedText;
import io.techex.listing.api.OwnershipChanged;
import io.techex.listing.api.OwnershipRejected;
import io.techex.listing.api.OwnershipVerified;
import io.techex.listing.api.RegulatoryCategory;
import io.techex.listing.api.SaleMode;
import io.techex.platform.rules.RuleViolation;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.params.provider.Arguments.arguments;

class ListingTest {

    private static final String ID = "0b8f7a52-3c1e-4d8a-9f54-2a7c1e0d9b13";
    private static final String SELLER = "hust";
    private static final String CO_OWNER = "vast-imbt";
    private static final String STRANGER = "vinfast";
    private static final String BUYER = "mekong-biotech";
    private static final LocalizedText TITLE = new LocalizedText("Phương pháp điều trị nước thải", "Wastewater treatment");
    private static final LocalizedText SUMMARY = new LocalizedText("Giảm 90% độ màu.", null);
    private static final LocalDate EXPIRY = LocalDate.of(2039, 3, 14);
    private static final IpTitle SOLE_TITLE = new IpTitle("VN", "1-0023456", "B1", LocalDate.of(2019, 3, 14),
            LocalDate.of(2022, 8, 30), EXPIRY, List.of(owner(SELLER, "100")));
    private static final IpTitle JOINT_TITLE = new IpTitle("VN", "1-0023456", "B1", LocalDate.of(2019, 3, 14),
            LocalDate.of(2022, 8, 30), EXPIRY, List.of(owner(SELLER, "60"), owner(CO_OWNER, "40")));
    private static final DealOption LICENCE_VN = new DealOption(DealType.NON_EXCLUSIVE_LICENCE, "textile wastewater", "VN");
    private static final DealOption EXCLUSIVE = DealOption.of(DealType.EXCLUSIVE_LICENCE);
    private static final DealOption ASSIGNMENT = DealOption.of(DealType.ASSIGNMENT);
    private static final AskingPrice PRICE = AskingPrice.of(new BigDecimal("1500000000"), null);
    /** Complete, owned by the seller alone. */
    private static final ListingContent COMPLETE = new ListingContent(TITLE, SUMMARY, AssetType.PATENT, 6,
            List.of(SOLE_TITLE), List.of("C02F 1/28", "B01J"), List.of("nước thải", "nano"),
            List.of(LICENCE_VN, EXCLUSIVE, ASSIGNMENT), PRICE, RegulatoryCategory.ENCOURAGED, true);
    private static final ListingContent JOINTLY_OWNED = with(COMPLETE, c -> c.ipTitles = List.of(JOINT_TITLE));
    private static final Instant NOW = Instant.parse("2026-11-23T03:15:00Z");

    private AggregateTestFixture<Listing> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Listing.class);
    }

    @Nested
    class Drafting {

        @Test
        void aSellerDraftsAListing() {
            fixture.givenNoPriorActivity()
                    .when(new DraftListing(ID, SELLER, TITLE, SUMMARY, AssetType.PATENT, 6))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ListingDrafted(ID, SELLER, TITLE, SUMMARY, AssetType.PATENT, 6));
        }

        @Test
        void aDraftMayHoldTheWholeContentAtOnce() {
            fixture.givenNoPriorActivity()
                    .when(new DraftListing(ID, SELLER, JOINTLY_OWNED))
                    .expectEvents(new ListingDrafted(ID, SELLER, TITLE, SUMMARY, AssetType.PATENT, 6, List.of(JOINT_TITLE),
                            List.of("C02F 1/28", "B01J"), List.of("nước thải", "nano"), List.of(LICENCE_VN, EXCLUSIVE, ASSIGNMENT),
                            PRICE, RegulatoryCategory.ENCOURAGED, true));
        }

        @Test
        void aDraftNeedsAVietnameseTitle() {
            fixture.givenNoPriorActivity()
                    .when(new DraftListing(ID, SELLER, new LocalizedText(" ", "Only English"), SUMMARY, AssetType.PATENT, 6))
                    .expectException(invalid("title.vi"))
                    .expectExceptionMessage("A listing needs a Vietnamese title")
                    .expectNoEvents();
        }

        @Test
        void readinessIsOneToNine() {
            fixture.givenNoPriorActivity()
                    .when(new DraftListing(ID, SELLER, TITLE, SUMMARY, AssetType.PATENT, 10))
                    .expectException(invalid("readinessLevel"))
                    .expectNoEvents();
            fixture.givenNoPriorActivity()
                    .when(new DraftListing(ID, SELLER, TITLE, SUMMARY, AssetType.PATENT, 0))
                    .expectException(invalid("readinessLevel"))
                    .expectNoEvents();
        }

        @Test
        void aPendingTitleAndAPriceInCentsAreFine() {
            IpTitle pending = new IpTitle("US", "17/123,456", null, LocalDate.of(2024, 1, 5), null,
                    LocalDate.of(2044, 1, 5), List.of(owner(SELLER, "33.34"), owner(CO_OWNER, "66.66")));
            ListingContent content = with(COMPLETE, c -> {
                c.ipTitles = List.of(pending);
                c.askingPrice = AskingPrice.of(new BigDecimal("125000.50"), "USD");
            });
            fixture.givenNoPriorActivity()
                    .when(new DraftListing(ID, SELLER, content))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(content.drafted(ID, SELLER));
        }

        static Stream<Arguments> invalidContent() {
            return Stream.of(
                    arguments("English title, when given, not blank", with(COMPLETE, c -> c.title = new LocalizedText("Tiêu đề", " ")), "title.en"),
                    arguments("no summary", with(COMPLETE, c -> c.summary = null), "summary.vi"),
                    arguments("office is a code", with(COMPLETE, c -> c.ipTitles = List.of(title(t -> t.office = "vn"))), "ipTitles[0].office"),
                    arguments("an IP title has a number", with(COMPLETE, c -> c.ipTitles = List.of(title(t -> t.number = " "))), "ipTitles[0].number"),
                    arguments("the same title twice", with(COMPLETE, c -> c.ipTitles = List.of(SOLE_TITLE, SOLE_TITLE)), "ipTitles[1]"),
                    arguments("no filing date", with(COMPLETE, c -> c.ipTitles = List.of(title(t -> t.filing = null))), "ipTitles[0].filingDate"),
                    arguments("granted before filed", with(COMPLETE, c -> c.ipTitles = List.of(title(t -> t.grant = LocalDate.of(2018, 1, 1)))), "ipTitles[0].grantDate"),
                    arguments("no expiry date", with(COMPLETE, c -> c.ipTitles = List.of(title(t -> t.expiry = null))), "ipTitles[0].expiryDate"),
                    arguments("no owners", with(COMPLETE, c -> c.ipTitles = List.of(title(t -> t.owners = List.of()))), "ipTitles[0].owners"),
                    arguments("shares sum to 90", with(COMPLETE, c -> c.ipTitles = List.of(title(t -> t.owners = List.of(owner(SELLER, "50"), owner(CO_OWNER, "40"))))), "ipTitles[0].owners"),
                    arguments("a share of 0", with(COMPLETE, c -> c.ipTitles = List.of(title(t -> t.owners = List.of(owner(SELLER, "100"), owner(CO_OWNER, "0"))))), "ipTitles[0].owners[1].sharePercent"),
                    arguments("an owner without a name", with(COMPLETE, c -> c.ipTitles = List.of(title(t -> t.owners = List.of(new IpTitleOwner(SELLER, " ", BigDecimal.valueOf(100)))))), "ipTitles[0].owners[0].name"),
                    arguments("the seller owns nothing", with(COMPLETE, c -> c.ipTitles = List.of(title(t -> t.owners = List.of(owner(CO_OWNER, "100"))))), "ipTitles[0].owners"),
                    arguments("IPC without its space", with(COMPLETE, c -> c.ipcClasses = List.of("A61K36/00")), "ipcClasses[0]"),
                    arguments("IPC section beyond H", with(COMPLETE, c -> c.ipcClasses = List.of("B01J", "Z99Z")), "ipcClasses[1]"),
                    arguments("blank keyword", with(COMPLETE, c -> c.keywords = List.of(" ")), "keywords[0]"),
                    arguments("territory is a country code", with(COMPLETE, c -> c.dealTypes = List.of(new DealOption(DealType.EXCLUSIVE_LICENCE, null, "Vietnam"))), "dealTypes[0].territory"),
                    arguments("assignment has no territory", with(COMPLETE, c -> c.dealTypes = List.of(new DealOption(DealType.ASSIGNMENT, null, "VN"))), "dealTypes[0]"),
                    arguments("a deal without type", with(COMPLETE, c -> c.dealTypes = List.of(LICENCE_VN, new DealOption(null, null, null))), "dealTypes[1].dealType"),
                    arguments("the same deal twice", with(COMPLETE, c -> c.dealTypes = List.of(EXCLUSIVE, EXCLUSIVE)), "dealTypes[1]"),
                    arguments("half a dong", with(COMPLETE, c -> c.askingPrice = AskingPrice.of(new BigDecimal("1500000000.5"), "VND")), "askingPrice.amount"),
                    arguments("a price of zero", with(COMPLETE, c -> c.askingPrice = AskingPrice.of(BigDecimal.ZERO, "VND")), "askingPrice.amount"),
                    arguments("no such currency", with(COMPLETE, c -> c.askingPrice = AskingPrice.of(BigDecimal.TEN, "ABC")), "askingPrice.currency"),
                    arguments("on request and priced", with(COMPLETE, c -> c.askingPrice = new AskingPrice(BigDecimal.TEN, "VND", true)), "askingPrice"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("invalidContent")
        void contentRulesNameTheFieldAtFault(String rule, ListingContent content, String field) {
            fixture.givenNoPriorActivity()
                    .when(new DraftListing(ID, SELLER, content))
                    .expectException(invalid(field))
                    .expectNoEvents();
        }
    }

    @Nested
    class Revising {

        @Test
        void theSellerRevisesItsDraftAndEachRevisionIsNumbered() {
            var newTitle = new LocalizedText("Vật liệu nano xử lý nước thải", null);
            fixture.given(new ListingDrafted(ID, SELLER, TITLE, SUMMARY, AssetType.PATENT, 6),
                            new ListingDraftRevised(ID, 1, TITLE, SUMMARY, AssetType.PATENT, 7))
                    .when(new ReviseDraft(ID, SELLER, newTitle, SUMMARY, AssetType.PATENT, 7))
                    .expectEvents(new ListingDraftRevised(ID, 2, newTitle, SUMMARY, AssetType.PATENT, 7));
        }

        @Test
        void anotherOrganisationCannotSeeADraftLetAloneReviseIt() {
            fixture.given(new ListingDrafted(ID, SELLER, TITLE, SUMMARY, AssetType.PATENT, 6))
                    .when(new ReviseDraft(ID, STRANGER, TITLE, SUMMARY, AssetType.PATENT, 6))
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
        }

        @Test
        void aRevisionKeepsTheContentRules() {
            fixture.given(new ListingDrafted(ID, SELLER, TITLE, SUMMARY, AssetType.PATENT, 6))
                    .when(new ReviseDraft(ID, SELLER, TITLE, new LocalizedText("", "x"), AssetType.PATENT, 6))
                    .expectException(invalid("summary.vi"))
                    .expectExceptionMessage("A listing needs a Vietnamese summary")
                    .expectNoEvents();
        }

        @Test
        void aSubmittedListingIsFrozen() {
            fixture.given(drafted(COMPLETE), submitted(0))
                    .when(new ReviseDraft(ID, SELLER, COMPLETE))
                    .expectException(conflict("listing-not-draft"))
                    .expectNoEvents();
        }

        @Test
        void afterARejectionTheSellerRevisesAndSubmitsAgain() {
            ListingContent fixed = with(COMPLETE, c -> c.keywords = List.of("xử lý nước"));
            fixture.given(drafted(COMPLETE), submitted(0), new OwnershipRejected(ID, 0, "Văn bằng ghi chủ sở hữu khác"))
                    .when(new ReviseDraft(ID, SELLER, fixed))
                    .expectEvents(fixed.revised(ID, 1));
            fixture.given(drafted(COMPLETE), submitted(0), new OwnershipRejected(ID, 0, "Văn bằng ghi chủ sở hữu khác"),
                            fixed.revised(ID, 1))
                    .when(new SubmitListing(ID, SELLER))
                    .expectEvents(new ListingSubmitted(ID, SELLER, 1));
        }
    }

    @Nested
    class Submitting {

        @Test
        void theSellerSubmitsACompleteDraft() {
            fixture.given(drafted(COMPLETE))
                    .when(new SubmitListing(ID, SELLER))
                    .expectEvents(new ListingSubmitted(ID, SELLER, 0));
        }

        @Test
        void softwareNeedsNoIpTitle() {
            fixture.given(drafted(with(COMPLETE, c -> {
                        c.assetType = AssetType.SOFTWARE;
                        c.ipTitles = List.of();
                    })))
                    .when(new SubmitListing(ID, SELLER))
                    .expectEvents(new ListingSubmitted(ID, SELLER, 0));
        }

        static Stream<Arguments> incomplete() {
            return Stream.of(
                    arguments("a patent without its title", with(COMPLETE, c -> c.ipTitles = List.of()), "ipTitles"),
                    arguments("no deal offered", with(COMPLETE, c -> c.dealTypes = List.of()), "dealTypes"),
                    arguments("no price", with(COMPLETE, c -> c.askingPrice = null), "askingPrice"),
                    arguments("no regulatory category", with(COMPLETE, c -> c.regulatoryCategory = null), "regulatoryCategory"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("incomplete")
        void anIncompleteDraftIsNotSubmitted(String gap, ListingContent content, String field) {
            fixture.given(drafted(content))
                    .when(new SubmitListing(ID, SELLER))
                    .expectException(invalid(field))
                    .expectNoEvents();
        }

        @Test
        void aProhibitedTechnologyIsRefusedAlreadyAtSubmission() {
            fixture.given(drafted(with(COMPLETE, c -> c.regulatoryCategory = RegulatoryCategory.PROHIBITED)))
                    .when(new SubmitListing(ID, SELLER))
                    .expectException(violation(RuleViolation.Kind.UNPROCESSABLE, "transfer-prohibited", "regulatoryCategory"))
                    .expectNoEvents();
        }

        @Test
        void onlyTheSellerSubmits() {
            fixture.given(drafted(COMPLETE))
                    .when(new SubmitListing(ID, STRANGER))
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
        }

        @Test
        void aListingIsSubmittedOnce() {
            fixture.given(drafted(COMPLETE), submitted(0))
                    .when(new SubmitListing(ID, SELLER))
                    .expectException(conflict("listing-already-submitted"))
                    .expectNoEvents();
            fixture.given(publishedHistory(COMPLETE, SaleMode.NEGOTIATION))
                    .when(new SubmitListing(ID, SELLER))
                    .expectException(conflict("listing-not-draft"))
                    .expectNoEvents();
        }
    }

    @Nested
    class CheckingOwnership {

        @Test
        void theOperatorVerifiesASubmittedListing() {
            fixture.given(drafted(COMPLETE), submitted(0))
                    .when(new VerifyOwnership(ID))
                    .expectEvents(new OwnershipVerified(ID, 0));
        }

        @Test
        void aSecondOperatorVerifyingTheSameListingGetsAConflict() {
            fixture.given(drafted(COMPLETE), submitted(0), new OwnershipVerified(ID, 0))
                    .when(new VerifyOwnership(ID))
                    .expectException(conflict("ownership-already-verified"))
                    .expectNoEvents();
        }

        @Test
        void theOperatorRejectsWithAReason() {
            fixture.given(drafted(COMPLETE), submitted(0))
                    .when(new RejectOwnership(ID, "  Văn bằng ghi chủ sở hữu khác "))
                    .expectEvents(new OwnershipRejected(ID, 0, "Văn bằng ghi chủ sở hữu khác"));
            fixture.given(drafted(COMPLETE), submitted(0))
                    .when(new RejectOwnership(ID, " "))
                    .expectException(invalid("reason"))
                    .expectNoEvents();
        }

        @Test
        void aDecisionIsNotTakenTwiceOrBeforeSubmission() {
            fixture.given(drafted(COMPLETE), submitted(0), new OwnershipRejected(ID, 0, "no"))
                    .when(new VerifyOwnership(ID))
                    .expectException(conflict("ownership-already-rejected"))
                    .expectNoEvents();
            fixture.given(drafted(COMPLETE), submitted(0), new OwnershipVerified(ID, 0))
                    .when(new RejectOwnership(ID, "too late"))
                    .expectException(conflict("ownership-already-verified"))
                    .expectNoEvents();
            fixture.given(drafted(COMPLETE))
                    .when(new VerifyOwnership(ID))
                    .expectException(conflict("listing-not-submitted"))
                    .expectNoEvents();
        }
    }

    @Nested
    class CoOwners {

        @Test
        void aCoOwnerConsents() {
            fixture.given(drafted(JOINTLY_OWNED), submitted(0))
                    .when(new ConsentAsCoOwner(ID, CO_OWNER))
                    .expectEvents(new CoOwnerConsented(ID, CO_OWNER, 0));
        }

        @Test
        void anOrganisationThatOwnsNothingCannotSeeTheListing() {
            fixture.given(drafted(JOINTLY_OWNED), submitted(0))
                    .when(new ConsentAsCoOwner(ID, STRANGER))
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
        }

        @Test
        void aCoOwnerConsentsOnce() {
            fixture.given(drafted(JOINTLY_OWNED), new CoOwnerConsented(ID, CO_OWNER, 0))
                    .when(new ConsentAsCoOwner(ID, CO_OWNER))
                    .expectException(conflict("co-owner-already-consented"))
                    .expectNoEvents();
        }

        @Test
        void consentIsGivenBeforePublication() {
            fixture.given(publishedHistory(COMPLETE, SaleMode.NEGOTIATION))
                    .when(new ConsentAsCoOwner(ID, CO_OWNER))
                    .expectException(conflict("consent-closed"))
                    .expectNoEvents();
        }

        @Test
        void everyCoOwnerConsentsBeforePublication() {
            fixture.given(drafted(JOINTLY_OWNED), submitted(0), new OwnershipVerified(ID, 0), saleMode(SaleMode.NEGOTIATION))
                    .when(new PublishListing(ID, SELLER, NOW))
                    .expectException(conflict("co-owner-consent-missing"))
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString(CO_OWNER))
                    .expectNoEvents();
        }

        @Test
        void aRevisionVoidsTheConsentsGiven() {
            fixture.given(drafted(JOINTLY_OWNED), new CoOwnerConsented(ID, CO_OWNER, 0), JOINTLY_OWNED.revised(ID, 1),
                            submitted(1), new OwnershipVerified(ID, 1), saleMode(SaleMode.NEGOTIATION))
                    .when(new PublishListing(ID, SELLER, NOW))
                    .expectException(conflict("co-owner-consent-missing"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Publishing {

        @Test
        void theSellerPublishesAVerifiedListingWithItsTerms() {
            fixture.given(drafted(JOINTLY_OWNED), submitted(0), new CoOwnerConsented(ID, CO_OWNER, 0),
                            new OwnershipVerified(ID, 0), saleMode(SaleMode.AUCTION))
                    .when(new PublishListing(ID, SELLER, NOW))
                    .expectEvents(new ListingPublished(ID, SELLER, TITLE, AssetType.PATENT, List.of(LICENCE_VN, EXCLUSIVE, ASSIGNMENT),
                            PRICE, SaleMode.AUCTION, RegulatoryCategory.ENCOURAGED, true,
                            List.of(new IpTitleRef("VN", "1-0023456")), NOW));
        }

        @Test
        void theSaleModeIsChosenBeforePublishing() {
            fixture.given(drafted(COMPLETE), submitted(0), new OwnershipVerified(ID, 0))
                    .when(new PublishListing(ID, SELLER, NOW))
                    .expectException(conflict("sale-mode-not-chosen"))
                    .expectNoEvents();
            fixture.given(drafted(COMPLETE))
                    .when(new ChooseSaleMode(ID, SELLER, SaleMode.NEGOTIATION))
                    .expectEvents(new SaleModeChosen(ID, SaleMode.NEGOTIATION));
            fixture.given(drafted(COMPLETE))
                    .when(new ChooseSaleMode(ID, SELLER, null))
                    .expectException(invalid("saleMode"))
                    .expectNoEvents();
            fixture.given(drafted(COMPLETE))
                    .when(new ChooseSaleMode(ID, STRANGER, SaleMode.AUCTION))
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
            fixture.given(publishedHistory(COMPLETE, SaleMode.NEGOTIATION))
                    .when(new ChooseSaleMode(ID, SELLER, SaleMode.AUCTION))
                    .expectException(conflict("listing-already-published"))
                    .expectNoEvents();
        }

        @Test
        void ownershipIsVerifiedBeforePublishing() {
            fixture.given(drafted(COMPLETE), submitted(0), saleMode(SaleMode.NEGOTIATION))
                    .when(new PublishListing(ID, SELLER, NOW))
                    .expectException(conflict("ownership-not-verified"))
                    .expectNoEvents();
        }

        @Test
        void anIpTitleExpiredBeforeThePublishingDayIsRefused() {
            Instant dayAfterExpiry = EXPIRY.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            fixture.given(verifiedHistory(COMPLETE, SaleMode.NEGOTIATION))
                    .when(new PublishListing(ID, SELLER, dayAfterExpiry))
                    .expectException(conflict("ip-title-expired"))
                    .expectNoEvents();
        }

        @Test
        void onItsLastDayAnIpTitleStillCounts() {
            Instant lastMinute = EXPIRY.atTime(23, 59).toInstant(java.time.ZoneOffset.UTC);
            fixture.given(verifiedHistory(COMPLETE, SaleMode.NEGOTIATION))
                    .when(new PublishListing(ID, SELLER, lastMinute))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(published(COMPLETE, SaleMode.NEGOTIATION, lastMinute));
        }

        @Test
        void aProhibitedTechnologyIsNeverPublished() {
            // e.g. submitted before the technology was put on the prohibited list and the seller said so
            ListingContent prohibited = with(COMPLETE, c -> c.regulatoryCategory = RegulatoryCategory.PROHIBITED);
            fixture.given(verifiedHistory(prohibited, SaleMode.NEGOTIATION))
                    .when(new PublishListing(ID, SELLER, NOW))
                    .expectException(conflict("transfer-prohibited"))
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString("prohibited"))
                    .expectNoEvents();
        }

        @Test
        void onlyTheSellerPublishesAndOnlyOnce() {
            fixture.given(verifiedHistory(COMPLETE, SaleMode.NEGOTIATION))
                    .when(new PublishListing(ID, STRANGER, NOW))
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
            fixture.given(publishedHistory(COMPLETE, SaleMode.NEGOTIATION))
                    .when(new PublishListing(ID, SELLER, NOW))
                    .expectException(conflict("listing-already-published"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Withdrawing {

        @Test
        void theSellerWithdrawsADraftAPublishedOrALicensedListing() {
            fixture.given(drafted(COMPLETE))
                    .when(new WithdrawListing(ID, SELLER, null))
                    .expectEvents(new ListingWithdrawn(ID, null));
            fixture.given(publishedHistory(COMPLETE, SaleMode.NEGOTIATION))
                    .when(new WithdrawListing(ID, SELLER, " Đã chuyển giao ngoài sàn "))
                    .expectEvents(new ListingWithdrawn(ID, "Đã chuyển giao ngoài sàn"));
            fixture.given(licensedHistory(LICENCE_VN))
                    .when(new WithdrawListing(ID, SELLER, null))
                    .expectEvents(new ListingWithdrawn(ID, null));
        }

        @Test
        void notUnderContractNorTwiceNorByAnotherOrganisation() {
            fixture.given(underContractHistory(LICENCE_VN))
                    .when(new WithdrawListing(ID, SELLER, null))
                    .expectException(conflict("listing-under-contract"))
                    .expectNoEvents();
            fixture.given(drafted(COMPLETE), new ListingWithdrawn(ID, null))
                    .when(new WithdrawListing(ID, SELLER, null))
                    .expectException(conflict("listing-withdrawn"))
                    .expectNoEvents();
            fixture.given(publishedHistory(COMPLETE, SaleMode.NEGOTIATION))
                    .when(new WithdrawListing(ID, STRANGER, null))
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
        }

        @Test
        void aWithdrawnListingIsNotPublished() {
            List<Object> history = new ArrayList<>(verifiedHistory(COMPLETE, SaleMode.NEGOTIATION));
            history.add(new ListingWithdrawn(ID, null));
            fixture.given(history)
                    .when(new PublishListing(ID, SELLER, NOW))
                    .expectException(conflict("listing-withdrawn"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Dealing {

        @Test
        void aPublishedListingGoesUnderNegotiationOrAuctionAsItsSaleModeSays() {
            fixture.given(publishedHistory(COMPLETE, SaleMode.NEGOTIATION))
                    .when(new MarkUnderNegotiation(ID, "n-1"))
                    .expectEvents(new ListingUnderNegotiation(ID, "n-1"));
            fixture.given(publishedHistory(COMPLETE, SaleMode.AUCTION))
                    .when(new MarkUnderAuction(ID, "a-1"))
                    .expectEvents(new ListingUnderAuction(ID, "a-1"));
            fixture.given(publishedHistory(COMPLETE, SaleMode.AUCTION))
                    .when(new MarkUnderNegotiation(ID, "n-1"))
                    .expectException(conflict("sale-mode-mismatch"))
                    .expectNoEvents();
        }

        @Test
        void anUnpublishedListingTakesNoDeal() {
            fixture.given(verifiedHistory(COMPLETE, SaleMode.NEGOTIATION))
                    .when(new MarkUnderNegotiation(ID, "n-1"))
                    .expectException(conflict("listing-not-on-market"))
                    .expectNoEvents();
            fixture.given(verifiedHistory(COMPLETE, SaleMode.NEGOTIATION))
                    .when(new MarkUnderContract(ID, "c-1", BUYER, LICENCE_VN))
                    .expectException(conflict("listing-not-on-market"))
                    .expectNoEvents();
        }

        @Test
        void newsOfANegotiationOrAuctionThatCrossedAWithdrawalChangesNothing() {
            List<Object> withdrawn = new ArrayList<>(negotiatingHistory());
            withdrawn.add(new ListingWithdrawn(ID, null));
            fixture.given(withdrawn)
                    .when(new MarkUnderNegotiation(ID, "n-2"))
                    .expectNoEvents();
            fixture.given(withdrawn)
                    .when(new ReturnToMarket(ID, "offer expired", "n-1"))
                    .expectNoEvents();
            fixture.given(underContractHistory(LICENCE_VN))
                    .when(new MarkUnderNegotiation(ID, "n-9"))
                    .expectNoEvents();
        }

        @Test
        void aContractMayArriveBeforeNewsOfItsNegotiation() {
            fixture.given(publishedHistory(COMPLETE, SaleMode.NEGOTIATION))
                    .when(new MarkUnderContract(ID, "c-1", BUYER, LICENCE_VN))
                    .expectEvents(new ListingUnderContract(ID, "c-1", BUYER, LICENCE_VN));
        }

        @Test
        void aDealForANarrowerFieldOfUseIsWithinAnOfferForAnyField() {
            DealOption narrower = new DealOption(DealType.EXCLUSIVE_LICENCE, "textile wastewater", "VN");
            fixture.given(negotiatingHistory())
                    .when(new MarkUnderContract(ID, "c-1", BUYER, narrower))
                    .expectEvents(new ListingUnderContract(ID, "c-1", BUYER, narrower));
        }

        @Test
        void severalFirmsNegotiateAtOnceAndTheListingReturnsToTheMarketWhenTheLastGivesUp() {
            List<Object> two = new ArrayList<>(negotiatingHistory());
            two.add(new ListingUnderNegotiation(ID, "n-2"));
            fixture.given(negotiatingHistory())
                    .when(new MarkUnderNegotiation(ID, "n-2"))
                    .expectEvents(new ListingUnderNegotiation(ID, "n-2"));
            fixture.given(two)
                    .when(new MarkUnderNegotiation(ID, "n-2"))
                    .expectNoEvents();
            fixture.given(two)
                    .when(new ReturnToMarket(ID, "offer expired", "n-2"))
                    .expectEvents(new ListingDealEnded(ID, "n-2", "offer expired"));
            List<Object> oneLeft = new ArrayList<>(two);
            oneLeft.add(new ListingDealEnded(ID, "n-2", "offer expired"));
            fixture.given(oneLeft)
                    .when(new ReturnToMarket(ID, "offer rejected", "n-1"))
                    .expectEvents(new ListingReturnedToMarket(ID, "offer rejected", ListingStatus.PUBLISHED));
            fixture.given(oneLeft)
                    .when(new ReturnToMarket(ID, "told twice", "n-2"))
                    .expectNoEvents();
        }

        @Test
        void aNegotiationEndsInAContractForAnOfferedDeal() {
            fixture.given(negotiatingHistory())
                    .when(new MarkUnderContract(ID, "c-1", BUYER, LICENCE_VN))
                    .expectEvents(new ListingUnderContract(ID, "c-1", BUYER, LICENCE_VN));
            fixture.given(negotiatingHistory())
                    .when(new MarkUnderContract(ID, "c-1", BUYER, DealOption.of(DealType.NON_EXCLUSIVE_LICENCE)))
                    .expectException(invalid("deal"))
                    .expectNoEvents();
            fixture.given(negotiatingHistory())
                    .when(new MarkUnderContract(ID, "c-1", SELLER, LICENCE_VN))
                    .expectException(invalid("buyerOrganisationId"))
                    .expectNoEvents();
            fixture.given(underContractHistory(LICENCE_VN))
                    .when(new MarkUnderContract(ID, "c-2", BUYER, LICENCE_VN))
                    .expectException(conflict("listing-already-under-contract"))
                    .expectNoEvents();
        }

        @Test
        void aDealThatFallsThroughReturnsTheListingToTheMarket() {
            fixture.given(negotiatingHistory())
                    .when(new ReturnToMarket(ID, "offer withdrawn"))
                    .expectEvents(new ListingReturnedToMarket(ID, "offer withdrawn", ListingStatus.PUBLISHED));
            fixture.given(underContractHistory(LICENCE_VN))
                    .when(new ReturnToMarket(ID, "not signed"))
                    .expectEvents(new ListingReturnedToMarket(ID, "not signed", ListingStatus.PUBLISHED));
            fixture.given(publishedHistory(COMPLETE, SaleMode.NEGOTIATION))
                    .when(new ReturnToMarket(ID, "?"))
                    .expectException(conflict("listing-not-in-a-deal"))
                    .expectNoEvents();
        }

        /**
         * An option in force holds the listing under contract; the licence its exercise drew up takes its place, on
         * the terms the option fixed (a deal the listing need not offer), for the option's holder only; unexercised,
         * its lapse returns the listing to the market.
         */
        @Test
        void anOptionHoldsTheListingForTheLicenceItsExerciseDrawsUpOrUntilItLapses() {
            DealOption option = new DealOption(DealType.OPTION, "textile wastewater", "VN");
            DealOption licence = new DealOption(DealType.EXCLUSIVE_LICENCE, "textile wastewater", "VN");
            fixture.given(underContractHistory(option))
                    .when(new MarkUnderContract(ID, "c-2", BUYER, licence, "c-1"))
                    .expectEvents(new ListingUnderContract(ID, "c-2", BUYER, licence));
            fixture.given(underContractHistory(option))
                    .when(new MarkUnderContract(ID, "c-2", BUYER, licence, "another-option"))
                    .expectException(conflict("listing-already-under-contract"))
                    .expectNoEvents();
            fixture.given(underContractHistory(option))
                    .when(new MarkUnderContract(ID, "c-2", "vinachem", licence, "c-1"))
                    .expectException(conflict("listing-already-under-contract"))
                    .expectNoEvents();
            List<Object> exercised = new ArrayList<>(underContractHistory(option));
            exercised.add(new ListingUnderContract(ID, "c-2", BUYER, licence));
            fixture.given(exercised)
                    .when(new RecordLicence(ID, "c-2"))
                    .expectEvents(new ListingLicensed(ID, "c-2", BUYER, licence));
            fixture.given(underContractHistory(option))
                    .when(new ReturnToMarket(ID, "Option c-1 lapsed unexercised", "c-1"))
                    .expectEvents(new ListingReturnedToMarket(ID, "Option c-1 lapsed unexercised", ListingStatus.PUBLISHED));
            fixture.given(underContractHistory(option))
                    .when(new RecordLicence(ID, "c-1"))
                    .expectException(conflict("contract-not-a-licence"))
                    .expectNoEvents();
        }

        @Test
        void aNonExclusiveLicenceLeavesTheListingOnTheMarketForMoreSuchLicences() {
            fixture.given(underContractHistory(LICENCE_VN))
                    .when(new RecordLicence(ID, "c-1"))
                    .expectEvents(new ListingLicensed(ID, "c-1", BUYER, LICENCE_VN));
            fixture.given(licensedHistory(LICENCE_VN))
                    .when(new MarkUnderNegotiation(ID, "n-2"))
                    .expectEvents(new ListingUnderNegotiation(ID, "n-2"));
            List<Object> renegotiating = new ArrayList<>(licensedHistory(LICENCE_VN));
            renegotiating.add(new ListingUnderNegotiation(ID, "n-2"));
            fixture.given(renegotiating)
                    .when(new MarkUnderContract(ID, "c-2", "vinachem", ASSIGNMENT))
                    .expectException(conflict("only-non-exclusive-licences-remain"))
                    .expectNoEvents();
            fixture.given(renegotiating)
                    .when(new ReturnToMarket(ID, "no agreement"))
                    .expectEvents(new ListingReturnedToMarket(ID, "no agreement", ListingStatus.LICENSED));
        }

        @Test
        void anExclusiveLicenceClosesTheListingToNewDeals() {
            fixture.given(licensedHistory(EXCLUSIVE))
                    .when(new MarkUnderNegotiation(ID, "n-2"))
                    .expectException(conflict("listing-exclusively-licensed"))
                    .expectNoEvents();
        }

        @Test
        void aContractTakesEffectOnlyForItsOwnKindOfDeal() {
            fixture.given(underContractHistory(LICENCE_VN))
                    .when(new RecordLicence(ID, "c-other"))
                    .expectException(conflict("contract-mismatch"))
                    .expectNoEvents();
            fixture.given(underContractHistory(ASSIGNMENT))
                    .when(new RecordLicence(ID, "c-1"))
                    .expectException(conflict("contract-not-a-licence"))
                    .expectNoEvents();
            fixture.given(underContractHistory(LICENCE_VN))
                    .when(new RecordTransfer(ID, "c-1"))
                    .expectException(conflict("contract-not-an-assignment"))
                    .expectNoEvents();
            fixture.given(publishedHistory(COMPLETE, SaleMode.NEGOTIATION))
                    .when(new RecordLicence(ID, "c-1"))
                    .expectException(conflict("listing-not-under-contract"))
                    .expectNoEvents();
        }

        @Test
        void anAssignmentTransfersTheListingAndItsOwnership() {
            fixture.given(underContractHistory(ASSIGNMENT))
                    .when(new RecordTransfer(ID, "c-1"))
                    .expectEvents(new ListingTransferred(ID, "c-1", SELLER, BUYER),
                            new OwnershipChanged(ID, SELLER, BUYER, List.of(new IpTitleRef("VN", "1-0023456"))));
        }

        @Test
        void afterATransferTheFormerSellerHasNoListingAndTheNewOwnerAClosedOne() {
            List<Object> transferred = new ArrayList<>(underContractHistory(ASSIGNMENT));
            transferred.add(new ListingTransferred(ID, "c-1", SELLER, BUYER));
            transferred.add(new OwnershipChanged(ID, SELLER, BUYER, List.of(new IpTitleRef("VN", "1-0023456"))));
            fixture.given(transferred)
                    .when(new WithdrawListing(ID, SELLER, null))
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
            fixture.given(transferred)
                    .when(new WithdrawListing(ID, BUYER, null))
                    .expectException(conflict("listing-transferred"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Documents {

        private final ListingDocument evidence = new ListingDocument("d-1", "Văn bằng 1-0023456.pdf", "application/pdf",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 482_113, ListingDocument.Visibility.CONFIDENTIAL);

        @Test
        void theSellerAttachesAndRemovesDocuments() {
            fixture.given(drafted(COMPLETE), submitted(0))
                    .when(new AttachDocument(ID, SELLER, evidence))
                    .expectEvents(new DocumentAttached(ID, evidence));
            fixture.given(drafted(COMPLETE), new DocumentAttached(ID, evidence))
                    .when(new RemoveDocument(ID, SELLER, "d-1"))
                    .expectEvents(new DocumentRemoved(ID, "d-1"));
        }

        @Test
        void aDocumentIsDescribedProperly() {
            fixture.given(drafted(COMPLETE))
                    .when(new AttachDocument(ID, SELLER, new ListingDocument("d-1", "a.pdf", "application/pdf", "ABC", 10,
                            ListingDocument.Visibility.PUBLIC)))
                    .expectException(invalid("document.sha256"))
                    .expectNoEvents();
            fixture.given(drafted(COMPLETE))
                    .when(new AttachDocument(ID, SELLER, new ListingDocument("d-1", "a.pdf", "pdf", evidence.sha256(), 10,
                            ListingDocument.Visibility.PUBLIC)))
                    .expectException(invalid("document.mediaType"))
                    .expectNoEvents();
            fixture.given(drafted(COMPLETE))
                    .when(new AttachDocument(ID, SELLER, new ListingDocument("d-1", "a.pdf", "application/pdf", evidence.sha256(), 0,
                            ListingDocument.Visibility.PUBLIC)))
                    .expectException(invalid("document.sizeBytes"))
                    .expectNoEvents();
        }

        @Test
        void documentsAreTheSellersAndKnownById() {
            fixture.given(drafted(COMPLETE))
                    .when(new AttachDocument(ID, STRANGER, evidence))
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
            fixture.given(drafted(COMPLETE), new DocumentAttached(ID, evidence))
                    .when(new AttachDocument(ID, SELLER, evidence))
                    .expectException(conflict("document-already-attached"))
                    .expectNoEvents();
            fixture.given(drafted(COMPLETE), new DocumentAttached(ID, evidence), new DocumentRemoved(ID, "d-1"))
                    .when(new RemoveDocument(ID, SELLER, "d-1"))
                    .expectException(conflict("document-not-attached"))
                    .expectNoEvents();
            fixture.given(drafted(COMPLETE), new ListingWithdrawn(ID, null))
                    .when(new AttachDocument(ID, SELLER, evidence))
                    .expectException(conflict("listing-withdrawn"))
                    .expectNoEvents();
        }
    }

    // --- histories

    private static ListingDrafted drafted(ListingContent content) {
        return content.drafted(ID, SELLER);
    }

    private static ListingSubmitted submitted(int revision) {
        return new ListingSubmitted(ID, SELLER, revision);
    }

    private static SaleModeChosen saleMode(SaleMode mode) {
        return new SaleModeChosen(ID, mode);
    }

    private static ListingPublished published(ListingContent content, SaleMode mode, Instant at) {
        return new ListingPublished(ID, SELLER, content.title(), content.assetType(), content.dealTypes(),
                content.askingPrice(), mode, content.regulatoryCategory(), content.stateFunded(),
                content.ipTitles().stream().map(IpTitle::ref).toList(), at);
    }

    private static List<Object> verifiedHistory(ListingContent content, SaleMode mode) {
        return List.of(drafted(content), submitted(0), new OwnershipVerified(ID, 0), saleMode(mode));
    }

    private static List<Object> publishedHistory(ListingContent content, SaleMode mode) {
        List<Object> history = new ArrayList<>(verifiedHistory(content, mode));
        history.add(published(content, mode, NOW));
        return history;
    }

    private static List<Object> negotiatingHistory() {
        List<Object> history = new ArrayList<>(publishedHistory(COMPLETE, SaleMode.NEGOTIATION));
        history.add(new ListingUnderNegotiation(ID, "n-1"));
        return history;
    }

    private static List<Object> underContractHistory(DealOption deal) {
        List<Object> history = new ArrayList<>(negotiatingHistory());
        history.add(new ListingUnderContract(ID, "c-1", BUYER, deal));
        return history;
    }

    private static List<Object> licensedHistory(DealOption licence) {
        List<Object> history = new ArrayList<>(underContractHistory(licence));
        history.add(new ListingLicensed(ID, "c-1", BUYER, licence));
        return history;
    }

    // --- content builders

    private static IpTitleOwner owner(String organisationId, String share) {
        return new IpTitleOwner(organisationId, "Tổ chức " + organisationId, new BigDecimal(share));
    }

    /** Mutable copy of a listing's content, for tests that change one part of it. */
    private static final class Draft {
        LocalizedText title;
        LocalizedText summary;
        AssetType assetType;
        List<IpTitle> ipTitles;
        List<String> ipcClasses;
        List<String> keywords;
        List<DealOption> dealTypes;
        AskingPrice askingPrice;
        RegulatoryCategory regulatoryCategory;
    }

    private static ListingContent with(ListingContent base, java.util.function.Consumer<Draft> change) {
        Draft d = new Draft();
        d.title = base.title();
        d.summary = base.summary();
        d.assetType = base.assetType();
        d.ipTitles = base.ipTitles();
        d.ipcClasses = base.ipcClasses();
        d.keywords = base.keywords();
        d.dealTypes = base.dealTypes();
        d.askingPrice = base.askingPrice();
        d.regulatoryCategory = base.regulatoryCategory();
        change.accept(d);
        return new ListingContent(d.title, d.summary, d.assetType, base.readinessLevel(), d.ipTitles, d.ipcClasses,
                d.keywords, d.dealTypes, d.askingPrice, d.regulatoryCategory, base.stateFunded());
    }

    private static final class Title {
        String office = SOLE_TITLE.office();
        String number = SOLE_TITLE.number();
        LocalDate filing = SOLE_TITLE.filingDate();
        LocalDate grant = SOLE_TITLE.grantDate();
        LocalDate expiry = SOLE_TITLE.expiryDate();
        List<IpTitleOwner> owners = SOLE_TITLE.owners();
    }

    private static IpTitle title(java.util.function.Consumer<Title> change) {
        Title t = new Title();
        change.accept(t);
        return new IpTitle(t.office, t.number, SOLE_TITLE.kind(), t.filing, t.grant, t.expiry, t.owners);
    }

    // --- matchers

    private static Matcher<RuleViolation> invalid(String field) {
        return violation(RuleViolation.Kind.UNPROCESSABLE, null, field);
    }

    private static Matcher<RuleViolation> conflict(String code) {
        return violation(RuleViolation.Kind.CONFLICT, code, null);
    }

    /** A rule violation of this kind, with this code (any when null) and field. */
    private static Matcher<RuleViolation> violation(RuleViolation.Kind kind, String code, String field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleViolation violation) {
                return violation.kind() == kind && (code == null || code.equals(violation.code()))
                        && java.util.Objects.equals(field, violation.field());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("RuleViolation " + kind + (code == null ? "" : " " + code) + " at " + field);
            }

            @Override
            protected void describeMismatchSafely(RuleViolation violation, Description mismatch) {
                mismatch.appendText("was " + violation.kind() + " " + violation.code() + " at " + violation.field()
                        + ": " + violation.getMessage());
            }
        };
    }
}
