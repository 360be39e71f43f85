package io.techex.listing.search;

import io.techex.listing.api.AskingPrice;
import io.techex.listing.api.AssetType;
import io.techex.listing.api.DealOption;
import io.techex.listing.api.DealType;
import io.techex.listing.api.IpTitle;
import io.techex.listing.api.IpTitleOwner;
import io.techex.listing.api.LocalizedText;
import io.techex.listing.api.RegulatoryCategory;
import io.techex.listing.api.SaleMode;
import io.techex.listing.catalogue.ChooseSaleMode;
import io.techex.listing.catalogue.DraftListing;
import io.techex.listing.catalogue.ListingContent;
import io.techex.listing.catalogue.ListingStatus;
import io.techex.listing.catalogue.PublishListing;
import io.techex.listing.catalogue.SubmitListing;
import io.techex.listing.catalogue.VerifyOwnership;
import io.techex.listing.catalogue.WithdrawListing;
import io.techex.platform.rules.RuleViolation;
import io.techex.testkit.IntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The search read model against real PostgreSQL: listings are driven through their life with Axon commands, and
 * found (or not) through {@link ListingSearch}.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListingSearchTest {

    /**
     * Sellers of this class's own: the context's database holds other test classes' listings, and the assertions
     * below count every listing of a seller, so no other class may list for them (the demo organisations do).
     */
    private static final String SELLER = "hcmut-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String DRAFTING_SELLER = "iuh-" + UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    CommandGateway commands;
    @Autowired
    ListingSearch search;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    /** Patent, TRL 6, C02F, non-exclusive licence in VN, 1.5 billion VND, published in January. */
    String wastewater;
    /** Plant variety, TRL 9, A01H, assignment, price on request, published in February; "nano" only in its summary. */
    String rice;
    /** Technical solution without IP title, TRL 4, F21V, exclusive licence, 200,000 USD, published in March. */
    String lamp;
    /** A draft that mentions "điều trị": only its seller finds it. */
    String draft;
    /** Published, then withdrawn: out of the market. */
    String withdrawn;

    @BeforeAll
    void listings() {
        wastewater = publish(SELLER, content(AssetType.PATENT, "Phương pháp điều trị nước thải dệt nhuộm bằng vật liệu nano",
                "Textile-dye wastewater treatment with nanomaterials", "Giảm 90% độ màu, đã thử nghiệm ở quy mô pilot.", 6,
                List.of("C02F 1/28", "B82Y"), List.of("xử lý nước"), new DealOption(DealType.NON_EXCLUSIVE_LICENCE, null, "VN"),
                AskingPrice.of(new BigDecimal("1500000000"), "VND"), true, SELLER), "2026-01-10T02:00:00Z");
        rice = publish(SELLER, content(AssetType.PLANT_VARIETY, "Giống lúa chịu mặn cho Đồng bằng sông Cửu Long", null,
                "Năng suất cao, không cần phân bón nano.", 9, List.of("A01H 5/10"), List.of("lúa", "đồng bằng"),
                DealOption.of(DealType.ASSIGNMENT), AskingPrice.onRequestOnly(), true, SELLER), "2026-02-10T02:00:00Z");
        lamp = publish(SELLER, content(AssetType.TECHNICAL_SOLUTION, "Đèn LED điều khiển từ xa", "Remote-controlled LED lamp",
                "Tiết kiệm điện cho trường học.", 4, List.of("F21V"), List.of("đèn"), new DealOption(DealType.EXCLUSIVE_LICENCE, null, "VN"),
                AskingPrice.of(new BigDecimal("200000"), "USD"), false, SELLER), "2026-03-10T02:00:00Z");
        draft = id();
        commands.sendAndWait(new DraftListing(draft, DRAFTING_SELLER, content(AssetType.PATENT, "Thuốc điều trị sốt xuất huyết",
                null, "Chiết xuất từ lá đu đủ.", 3, List.of("A61K 36/00"), List.of(), DealOption.of(DealType.ASSIGNMENT),
                AskingPrice.onRequestOnly(), true, DRAFTING_SELLER)));
        withdrawn = publish(SELLER, content(AssetType.PATENT, "Điều trị ung thư bằng thảo dược", null, "Thảo dược bản địa.", 5,
                List.of("A61K 36/00"), List.of(), DealOption.of(DealType.ASSIGNMENT), AskingPrice.onRequestOnly(), true, SELLER),
                "2026-04-10T02:00:00Z");
        commands.sendAndWait(new WithdrawListing(withdrawn, SELLER, "Hợp tác với bệnh viện"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(ids(SearchQuery.builder().seller(SELLER).build())).containsExactlyInAnyOrder(wastewater, rice, lamp);
            assertThat(ids(SearchQuery.builder().statuses(ListingStatus.WITHDRAWN).seller(SELLER).build())).containsExactly(withdrawn);
            assertThat(ids(SearchQuery.builder().statuses(ListingStatus.DRAFT).seller(DRAFTING_SELLER).build())).containsExactly(draft);
        });
    }

    @Test
    void wordsAreFoundWithoutDiacriticsAndCase() {
        assertThat(ids(text("dieu tri"))).containsExactly(wastewater);
        assertThat(ids(text("ĐIỀU TRỊ"))).containsExactly(wastewater);
        assertThat(ids(text("den led"))).containsExactly(lamp);
        assertThat(ids(text("dong bang"))).containsExactly(rice);
        assertThat(ids(text("TEXTILE wastewater"))).containsExactly(wastewater);
        assertThat(ids(text("dieu tri ung thu"))).as("withdrawn").isEmpty();
        assertThat(ids(text("sot xuat huyet"))).as("a draft is not on the market").isEmpty();
    }

    @Test
    void aTitleMatchRanksAboveASummaryMatch() {
        SearchPage page = search.search(SearchQuery.builder().seller(SELLER).text("nano").build());
        assertThat(page.hits()).extracting(SearchHit::listingId).containsExactly(wastewater, rice);
        assertThat(page.hits().get(0).relevance()).isGreaterThan(page.hits().get(1).relevance());
    }

    @Test
    void filtersNarrowTheMarket() {
        assertThat(ids(mine().assetTypes(AssetType.PATENT).build())).containsExactly(wastewater);
        assertThat(ids(mine().assetTypes(AssetType.PATENT, AssetType.PLANT_VARIETY).build())).containsExactlyInAnyOrder(wastewater, rice);
        assertThat(ids(mine().ipcPrefix("A01").build())).containsExactly(rice);
        assertThat(ids(mine().ipcPrefix("C02F 1/2").build())).containsExactly(wastewater);
        assertThat(ids(mine().ipcPrefix("B82Y").build())).containsExactly(wastewater);
        assertThat(ids(mine().readiness(5, 9).build())).containsExactlyInAnyOrder(wastewater, rice);
        assertThat(ids(mine().readiness(null, 4).build())).containsExactly(lamp);
        assertThat(ids(mine().dealType(DealType.ASSIGNMENT).build())).containsExactly(rice);
        assertThat(ids(mine().price(new BigDecimal("1000000000"), new BigDecimal("1500000000"), null).build())).containsExactly(wastewater);
        assertThat(ids(mine().price(null, new BigDecimal("1499999999"), "VND").build())).isEmpty();
        assertThat(ids(mine().price(BigDecimal.ZERO, null, "USD").build())).containsExactly(lamp);
    }

    @Test
    void theCallerChoosesWhichStatusesItMaySee() {
        assertThat(ids(mine().statuses(ListingStatus.WITHDRAWN).build())).containsExactly(withdrawn);
        assertThat(ids(SearchQuery.builder().text("dieu tri").statuses(ListingStatus.DRAFT).seller(DRAFTING_SELLER).build()))
                .containsExactly(draft);
    }

    /**
     * The projection hands a batch's rows to PostgreSQL as one JSON document: text that JSON and PostgreSQL's array
     * literals escape (quotes, backslashes, braces, commas, line breaks, characters beyond the BMP) and an amount with
     * cents come back as written, and the text is still searchable.
     */
    @Test
    void textThatNeedsEscapingIsKeptAsWritten() {
        String seller = "vnu-" + UUID.randomUUID().toString().substring(0, 8);
        String title = "Cảm biến \"khí\" C:\\đo\\ {CO2, NOx}\tthế hệ 2 \uD83C\uDF31";
        String summary = "Dòng 1\nDòng 2, giá 'thỏa thuận'; 100% \\ ổn định";
        List<String> keywords = List.of("cảm biến \"khí\"", "a,b", "{x}", "\\", "NULL");
        String listing = id();
        commands.sendAndWait(new DraftListing(listing, seller, content(AssetType.PATENT, title, "Gas \"sensor\"", summary, 5,
                List.of("G01N 33/00"), keywords, DealOption.of(DealType.ASSIGNMENT),
                AskingPrice.of(new BigDecimal("1234.50"), "USD"), true, seller)));

        SearchQuery query = SearchQuery.builder().text("cam bien khi").statuses(ListingStatus.DRAFT).seller(seller).build();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ids(query)).containsExactly(listing));
        SearchHit hit = search.search(query).hits().getFirst();
        assertThat(hit.title()).isEqualTo(new LocalizedText(title, "Gas \"sensor\""));
        assertThat(hit.summary().vi()).isEqualTo(summary);
        assertThat(hit.keywords()).containsExactlyElementsOf(keywords);
        assertThat(hit.askingPrice()).isEqualTo(new AskingPrice(new BigDecimal("1234.50"), "USD", false));
        assertThat(hit.publishedAt()).isNull();
    }

    @Test
    void newestFirstPageByPage() {
        SearchQuery first = mine().sort(SearchQuery.Sort.NEWEST).limit(2).build();
        SearchPage page1 = search.search(first);
        assertThat(page1.hits()).extracting(SearchHit::listingId).containsExactly(lamp, rice);
        assertThat(page1.nextCursor()).isNotNull();
        SearchPage page2 = search.search(first.next(page1));
        assertThat(page2.hits()).extracting(SearchHit::listingId).containsExactly(wastewater);
        assertThat(page2.nextCursor()).isNull();
        SearchHit hit = page2.hits().getFirst();
        assertThat(hit.askingPrice()).isEqualTo(new AskingPrice(new BigDecimal("1500000000"), "VND", false));
        assertThat(hit.publishedAt()).isEqualTo(Instant.parse("2026-01-10T02:00:00Z"));
        assertThat(hit.status()).isEqualTo(ListingStatus.PUBLISHED);
        assertThat(hit.dealTypes()).containsExactly(DealType.NON_EXCLUSIVE_LICENCE);
    }

    @Test
    void relevancePagesNeitherRepeatNorSkipListingsThatRankAlike() {
        // "dieu" is in two titles, ranked alike: the listing id breaks the tie
        SearchQuery query = mine().text("dieu").limit(1).build();
        List<String> seen = new ArrayList<>();
        SearchPage page = search.search(query);
        seen.addAll(page.hits().stream().map(SearchHit::listingId).toList());
        while (page.nextCursor() != null) {
            page = search.search(query.next(page));
            seen.addAll(page.hits().stream().map(SearchHit::listingId).toList());
        }
        assertThat(seen).containsExactlyInAnyOrder(wastewater, lamp).doesNotHaveDuplicates();
    }

    @Test
    void badQueriesNameTheirFault() {
        assertThatThrownBy(() -> search.search(mine().limit(0).build()))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.field()).isEqualTo("limit"));
        assertThatThrownBy(() -> search.search(mine().ipcPrefix("A6%").build()))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.field()).isEqualTo("ipcPrefix"));
        assertThatThrownBy(() -> search.search(mine().readiness(7, 3).build()))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.field()).isEqualTo("minReadiness"));
        assertThatThrownBy(() -> search.search(mine().cursor("not-a-cursor").build()))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.field()).isEqualTo("cursor"));
        SearchPage byRelevance = search.search(mine().text("dieu").limit(1).build());
        assertThatThrownBy(() -> search.search(mine().sort(SearchQuery.Sort.NEWEST).cursor(byRelevance.nextCursor()).build()))
                .as("a cursor belongs to its sort order")
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.field()).isEqualTo("cursor"));
    }

    @Test
    void theModelIsRebuiltFromTheEventStore() {
        List<SearchQuery> queries = List.of(mine().sort(SearchQuery.Sort.NEWEST).build(), text("dieu tri"),
                mine().text("nano").build(), mine().statuses(ListingStatus.WITHDRAWN).build(),
                SearchQuery.builder().statuses(ListingStatus.DRAFT).seller(DRAFTING_SELLER).build());
        List<SearchPage> before = queries.stream().map(search::search).toList();

        StreamingEventProcessor processor = processing
                .eventProcessor(ListingSearchProjection.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        jdbc.update("DELETE FROM listing_search");
        assertThat(search.search(mine().build()).hits()).isEmpty();
        processor.resetTokens();
        processor.start();

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(queries.stream().map(search::search).toList()).isEqualTo(before));
    }

    // --- helpers

    private SearchQuery.Builder mine() {
        // the context's database may hold other test classes' listings; these tests look at their own seller's
        return SearchQuery.builder().seller(SELLER);
    }

    private SearchQuery text(String text) {
        return mine().text(text).build();
    }

    private List<String> ids(SearchQuery query) {
        return search.search(query).hits().stream().map(SearchHit::listingId).toList();
    }

    private String publish(String seller, ListingContent content, String at) {
        String id = id();
        commands.sendAndWait(new DraftListing(id, seller, content));
        commands.sendAndWait(new SubmitListing(id, seller));
        commands.sendAndWait(new VerifyOwnership(id));
        commands.sendAndWait(new ChooseSaleMode(id, seller, SaleMode.NEGOTIATION));
        commands.sendAndWait(new PublishListing(id, seller, Instant.parse(at)));
        return id;
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static ListingContent content(AssetType type, String titleVi, String titleEn, String summaryVi, int readiness,
                                          List<String> ipc, List<String> keywords, DealOption deal, AskingPrice price,
                                          boolean registered, String owner) {
        List<IpTitle> titles = registered
                ? List.of(new IpTitle("VN", "1-00" + Math.abs(titleVi.hashCode() % 100_000), null, LocalDate.of(2020, 5, 4),
                        LocalDate.of(2023, 1, 9), LocalDate.of(2040, 5, 4),
                        List.of(new IpTitleOwner(owner, "Trường " + owner, BigDecimal.valueOf(100)))))
                : List.of();
        return new ListingContent(new LocalizedText(titleVi, titleEn), new LocalizedText(summaryVi, null), type, readiness,
                titles, ipc, keywords, List.of(deal), price, RegulatoryCategory.ORDINARY, false);
    }
}
