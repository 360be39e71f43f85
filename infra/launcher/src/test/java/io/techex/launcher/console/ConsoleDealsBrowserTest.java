package io.techex.launcher.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import io.techex.bidding.sealed.SealedBidCommitment;
import io.techex.console.format.Formats;
import io.techex.contracts.EventJson;
import io.techex.launcher.FourServices.Service;
import io.techex.launcher.console.DealFixtures.PublishedListing;
import io.techex.launcher.console.DealPages.Auction;
import io.techex.launcher.console.DealPages.Confirm;
import io.techex.launcher.console.DealPages.Contract;
import io.techex.launcher.console.DealPages.Form;
import io.techex.launcher.console.DealPages.ListingDeals;
import io.techex.launcher.console.DealPages.MyContracts;
import io.techex.launcher.console.DealPages.MyDeals;
import io.techex.launcher.console.DealPages.Negotiation;
import io.techex.launcher.console.DealPages.SealedBid;
import io.techex.launcher.console.RegulatorPages.ContractPage;
import io.techex.launcher.console.RegulatorPages.DecisionReview;
import io.techex.launcher.console.RegulatorPages.Decisions;
import io.techex.launcher.console.RegulatorPages.Timeline;
import io.techex.launcher.console.RegulatorPages.Verify;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.techex.launcher.FourServices.json;
import static io.techex.launcher.console.DealPages.doneNotice;
import static io.techex.launcher.console.DealPages.reloadUntilVisible;
import static io.techex.launcher.console.DealPages.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Part two of the console in a real browser: deals from the first offer or bid to a contract, each person in a browser
 * of their own against the real services, database, broker and authorization server, on one clock the test moves to
 * reach an auction's end or an offer's deadline at once. Every page passes axe-core and is saved as a screenshot.
 */
@OnBrowserExchange
// the longest browser class, which starts the browser exchange: early, so that the browser classes start early
@Order(2)
class ConsoleDealsBrowserTest {

    /** What "at once" means on a live board: another firm's bid shows within this. */
    static final LocatorAssertions.HasTextOptions WITHIN_A_SECOND = new LocatorAssertions.HasTextOptions().setTimeout(1000);
    static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(Formats.VIETNAM);

    /**
     * An English auction across four people's browsers: the university schedules it; two firms bid on the live board at
     * once, each seeing the other's bid within a second, the soft close moving the end on screen, a bid that came too
     * late told the amount to beat; the auction closes for the Japanese firm; both parties sign in their browsers; the
     * contract, into Japan, waits for registration. The regulator, in a fourth browser, registers that very contract,
     * reads the asset's time line (the auction's bids, both signatures, the registration, the licence in effect) and
     * verifies the asset's export in the browser; both parties then see the contract registered and in effect.
     */
    @Test
    void twoFirmsBidLiveBothPartiesSignAndTheRegulatorRegistersTheJapaneseBuyersContractReadsItsTimeLineAndVerifiesIt(
            BrowserExchange exchange) throws Exception {
        PublishedListing listing = DealFixtures.publishedListing(exchange.services(), "AUCTION",
                "Màng lọc nano xử lý nước thải dệt nhuộm", """
                        [{"dealType": "EXCLUSIVE_LICENCE", "territory": "VN"}, {"dealType": "ASSIGNMENT"}]""");
        Page university = exchange.signedIn("lan.nguyen", "/technologies/" + listing.listingId());
        String auctionPath = scheduleEnglishAuction(exchange, university);

        Page kyoto = exchange.signedIn("kenji.sato", auctionPath);
        Page mekong = exchange.signedIn("thu.vo", auctionPath);
        bidOnTheLiveBoard(exchange, kyoto, mekong);

        Deal deal = bothPartiesSign(exchange, kyoto, university, listing);
        Contract contract = new Contract(university);
        assertThat(contract.status()).hasText("Chờ đăng ký");
        assertThat(contract.legalPath()).containsText("Hai bên đã ký: hợp đồng chờ đăng ký với cơ quan quản lý.");
        assertThat(contract.legalPath()).containsText("Bên giao ở VN, bên nhận ở JP.");
        assertThat(contract.legalPath()).containsText("Cơ quan quản lý phải quyết định trước");
        assertThat(contract.signatures()).containsText("kyoto-materials");
        assertThat(contract.signatures().getByRole(AriaRole.CELL)).hasText(new Pattern[]{
                Pattern.compile("Đã ký phiên bản 1 lúc .+"), Pattern.compile("Đã ký phiên bản 1 lúc .+")});
        look(university, "31-contract-awaiting-registration");
        JsonNode asTheServiceHasIt = json(exchange.services().send(Service.CONTRACT, "GET", "/contracts/" + deal.contractId(),
                null, TestTokens.REGULATOR));
        assertThat(asTheServiceHasIt.path("status").asText()).isEqualTo("AWAITING_REGISTRATION");

        String number = theRegulatorRegistersItAndVerifiesTheExport(exchange, deal, listing);

        // both parties see the contract registered, by whom and under which number, and in effect
        for (Page party : List.of(kyoto, university)) {
            party.navigate(exchange.url("/contracts/" + deal.contractId()));
            Contract inEffect = new Contract(party);
            assertThat(inEffect.status()).hasText("Có hiệu lực");
            assertThat(inEffect.legalPath()).containsText("Có hiệu lực.");
            assertThat(inEffect.legalPath()).containsText(Pattern.compile(
                    "Đã đăng ký số " + DealPages.literal(number) + ", do Trần Quang Minh lúc .+"));
            assertThat(inEffect.legalPath()).not().containsText("Cơ quan quản lý phải quyết định trước");
        }
        look(kyoto, "31f-contract-registered-buyer");
        // the firm that lost the auction is no party: the contract is not among its contracts
        mekong.navigate(exchange.url("/my/contracts"));
        assertThat(new MyContracts(mekong).needsMe()).isVisible();
        assertThat(mekong.getByText(listing.title())).hasCount(0);
    }

    /** Where the scenario of the English auction leaves the contract, for the regulator's steps that follow it. */
    record Deal(String listingId, String auctionId, String contractId) {
    }

    /**
     * The regulator, in a browser of its own, finds the contract the auction led to among the decisions due, registers
     * it after seeing what will be recorded, reads the asset's time line (the auction and its bids, both signatures,
     * its own registration and the licence in effect) and verifies the asset's export in the browser against the log's
     * key it pins. Returns the registration's number.
     */
    private String theRegulatorRegistersItAndVerifiesTheExport(BrowserExchange exchange, Deal deal, PublishedListing listing)
            throws Exception {
        String number = "ĐK-2026-" + deal.contractId().substring(0, 6);
        Page regulator = exchange.signedIn("minh.tran", "/regulator/decisions");
        Decisions decisions = new Decisions(regulator);
        Locator due = decisions.row(listing.title());
        assertThat(due).containsText("Đăng ký hợp đồng");
        assertThat(due).containsText("hust (VN)");
        assertThat(due).containsText("kyoto-materials (JP)");
        look(regulator, "31b-regulator-decisions-from-auction");

        decisions.open(listing.title());
        ContractPage contract = new ContractPage(regulator);
        assertThat(contract.status()).hasText("Chờ đăng ký");
        // the price the auction reached, in figures and in words, before a binding decision
        assertThat(contract.section("Nội dung hợp đồng")).containsText("650.000.000 ₫");
        assertThat(contract.section("Nội dung hợp đồng")).containsText("sáu trăm năm mươi triệu đồng");
        contract.register(number);
        DecisionReview review = new DecisionReview(regulator);
        assertThat(review.recorded()).containsText("ContractRegistered");
        assertThat(review.recorded()).containsText(number);
        assertThat(review.recorded()).containsText(deal.contractId());
        look(regulator, "31c-regulator-registers-auction-contract");
        review.confirm("Xác nhận cấp");
        assertThat(new ConsolePages.Frame(regulator).notice()).hasText("Đã ghi nhận quyết định.");
        ContractPage registered = new ContractPage(regulator);
        ConsoleRegulatorBrowserTest.reloadUntil(regulator, () -> registered.status().textContent().equals("Đang có hiệu lực")
                && registered.section("Quyết định đã ghi nhận").textContent()
                .contains("Ghi trong nhật ký kiểm toán là sự kiện ContractRegistered"));

        // the asset's time line: the auction with each accepted bid by the firm that placed it, the soft close, both
        // signatures, the registration and the licence in effect
        new ContractPage(regulator).openTimeline();
        Timeline timeline = new Timeline(regulator);
        ConsoleRegulatorBrowserTest.reloadUntil(regulator, () -> timeline.event("Hợp đồng có hiệu lực").count() == 1);
        assertThat(timeline.event("Lên lịch đấu giá")).containsText("lan.nguyen · hust");
        assertThat(timeline.event("Lên lịch đấu giá").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions()
                .setName(deal.auctionId()))).hasAttribute("href", "/auctions/" + deal.auctionId());
        Locator bids = timeline.event("Đặt giá");
        assertThat(bids).hasCount(4);
        assertThat(bids.filter(new Locator.FilterOptions().setHasText("kenji.sato · kyoto-materials"))).hasCount(2);
        assertThat(bids.filter(new Locator.FilterOptions().setHasText("thu.vo · mekong-biotech"))).hasCount(2);
        assertThat(timeline.event("Gia hạn đấu giá").first()).isVisible();
        Locator signatures = timeline.event("Ký hợp đồng");
        assertThat(signatures).hasCount(2);
        assertThat(signatures.filter(new Locator.FilterOptions().setHasText("kenji.sato · kyoto-materials"))).hasCount(1);
        assertThat(signatures.filter(new Locator.FilterOptions().setHasText("lan.nguyen · hust"))).hasCount(1);
        assertThat(timeline.event("Đăng ký hợp đồng")).containsText("minh.tran · dost-hanoi");
        look(regulator, "31d-auction-asset-timeline");

        // the export, verified by the browser's own JavaScript against the log's key the regulator pins
        new ExchangeApi(exchange).awaitInLog(deal.listingId(), "ContractActivated");
        timeline.verify();
        Verify verify = new Verify(regulator);
        verify.trustTheLogsKey();
        verify.verifyNow();
        assertThat(verify.outcome()).containsText("ĐÃ KIỂM CHỨNG");
        assertThat(verify.failedRows()).hasCount(0);
        look(regulator, "31e-auction-asset-verified");
        JsonNode export = EventJson.mapper().readTree(verify.download("Bản xuất (trail.json)"));
        assertThat(export.path("assetId").asText()).isEqualTo(deal.listingId());
        List<String> types = export.path("entries").valueStream().map(e -> e.path("type").asText()).toList();
        assertThat(types).filteredOn(t -> t.equals("io.techex.bidding.BidPlaced.v1")).hasSize(4);
        assertThat(types).filteredOn(t -> t.equals("io.techex.contract.ContractSigned.v1")).hasSize(2);
        assertThat(types).contains("io.techex.contract.ContractRegistered.v1", "io.techex.contract.ContractActivated.v1");
        assertThat(verify.results().locator("tbody tr.verified")).hasCount(types.size());
        return number;
    }

    private String scheduleEnglishAuction(BrowserExchange exchange, Page university) {
        ListingDeals deals = new ListingDeals(university);
        assertThat(deals.section()).containsText("Chưa có phiên đấu giá: hãy lên lịch một phiên.");
        look(university, "20-listing-seller-auction");
        deals.schedule("Lên lịch đấu giá công khai");
        Instant now = exchange.clock().instant();
        Form schedule = new Form(university);
        assertThat(university.getByRole(AriaRole.HEADING, DealPages.named("Lên lịch đấu giá công khai"))).isVisible();
        schedule.choose("Hình thức giao dịch", "Li-xăng độc quyền · VN")
                .field("Thời hạn li-xăng (tháng)", "60")
                .field("Giá khởi điểm", "500.000.000")
                .field("Bước giá tối thiểu", "10.000.000")
                .field("Giá sàn kín (không bắt buộc)", "600.000.000")
                .field("Kết thúc lúc", LOCAL_INPUT.format(now.plus(Duration.ofMinutes(3))))
                .field("Gia hạn mềm (phút)", "5");
        look(university, "21-schedule-auction");
        schedule.press("Xem lại phiên đấu giá");
        Confirm confirm = new Confirm(university, "Kiểm tra phiên đấu giá");
        assertThat(confirm.what()).containsText("500.000.000 ₫ — năm trăm triệu đồng");
        assertThat(confirm.what()).containsText("600.000.000 ₫ — sáu trăm triệu đồng");
        assertThat(confirm.what()).containsText("5 phút");
        look(university, "22-schedule-confirm");
        confirm.confirm("Lên lịch phiên đấu giá");
        Auction sellers = new Auction(university);
        assertThat(university.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions()
                .setHasText("Đã lên lịch phiên đấu giá"))).isVisible();
        assertThat(DealPages.value(university.getByRole(AriaRole.REGION, DealPages.named("Đối tượng đấu giá")),
                "Giá sàn kín của bạn")).hasText("600.000.000 ₫");
        assertThat(sellers.bidField()).hasCount(0);
        return path(university);
    }

    private void bidOnTheLiveBoard(BrowserExchange exchange, Page kyoto, Page mekong) {
        Auction kenji = new Auction(kyoto);
        Auction thu = new Auction(mekong);
        assertThat(kenji.connection()).hasText("Trực tiếp");
        assertThat(thu.connection()).hasText("Trực tiếp");
        assertThat(kenji.price()).hasText("Chưa có lượt đặt giá");
        assertThat(kenji.bidField()).hasValue("500000000");
        String endBefore = thu.endsAt().textContent();
        look(kyoto, "23-auction-live-board");

        // kyoto-materials opens at the starting price, pre-filled
        kenji.reviewBid(null);
        Confirm bid = new Confirm(kyoto, "Kiểm tra giá đặt");
        assertThat(bid.what()).containsText("500.000.000 ₫ — năm trăm triệu đồng");
        look(kyoto, "24-bid-confirm");
        bid.confirm("Đặt giá ràng buộc");
        assertThat(doneNotice(kyoto)).hasText(Pattern.compile("Giá 500\\.000\\.000\\s₫ của bạn đã được nhận, là lượt số 1, lúc .+"));
        // mekong-biotech's board follows at once: the price, the count, the end moved by the soft close, its minimum
        assertThat(thu.price()).hasText("500.000.000 ₫", WITHIN_A_SECOND);
        assertThat(thu.bids()).hasText("1 lượt", WITHIN_A_SECOND);
        assertThat(thu.endsAt()).not().hasText(endBefore, new LocatorAssertions.HasTextOptions().setTimeout(1000));
        assertThat(thu.bidField()).hasValue("510000000");
        assertThat(new Auction(kyoto).you()).hasText("Bạn đang dẫn đầu");
        assertThat(thu.you()).hasCount(0);

        // mekong-biotech bids the minimum the board offers it; kyoto-materials sees it and that it was outbid
        thu.reviewBid(null);
        new Confirm(mekong, "Kiểm tra giá đặt").confirm("Đặt giá ràng buộc");
        assertThat(doneNotice(mekong)).containsText("là lượt số 2");
        kenji = new Auction(kyoto);
        assertThat(kenji.price()).hasText("510.000.000 ₫", WITHIN_A_SECOND);
        assertThat(kenji.you()).hasText("Bạn đã bị trả giá cao hơn", WITHIN_A_SECOND);
        assertThat(kenji.bidField()).hasValue("520000000");
        look(kyoto, "25-auction-outbid");

        // both go for the same next bid at once: mekong-biotech's arrives first, kyoto-materials' is then too low
        kenji.reviewBid(null);
        Confirm late = new Confirm(kyoto, "Kiểm tra giá đặt");
        thu = new Auction(mekong);
        thu.reviewBid("520.000.000");
        new Confirm(mekong, "Kiểm tra giá đặt").confirm("Đặt giá ràng buộc");
        assertThat(doneNotice(mekong)).containsText("là lượt số 3");
        late.confirm("Đặt giá ràng buộc");
        assertThat(kyoto.getByRole(AriaRole.ALERT)).containsText(
                "Giá bạn đặt quá thấp: đã có người đặt trước. Phiên hiện nhận từ 530.000.000 ₫ (năm trăm ba mươi triệu đồng) trở lên.");
        kenji = new Auction(kyoto);
        assertThat(kenji.bidField()).hasValue("530000000");
        look(kyoto, "26-bid-too-low");

        // mekong-biotech's computer goes offline as its live board's stream drops: the board says so and marks the
        // price it shows as possibly stale
        thu = new Auction(mekong);
        assertThat(thu.connection()).hasText("Trực tiếp");
        mekong.context().setOffline(true);
        exchange.dropLiveBoards();
        assertThat(thu.connection()).hasText("Mất kết nối — đang kết nối lại; giá hiển thị có thể đã cũ");
        assertThat(value(thu.board(), "Giá hiện tại").getByText("(có thể đã cũ)")).isVisible();
        look(mekong, "26b-auction-reconnecting");

        // meanwhile kyoto-materials goes above the reserve
        kenji.reviewBid("650.000.000");
        Confirm high = new Confirm(kyoto, "Kiểm tra giá đặt");
        assertThat(high.what()).containsText("650.000.000 ₫ — sáu trăm năm mươi triệu đồng");
        high.confirm("Đặt giá ràng buộc");
        assertThat(doneNotice(kyoto)).containsText("là lượt số 4");
        assertThat(thu.price()).hasText("520.000.000 ₫");

        // back online, the reconnected board starts with the auction as it is now
        mekong.context().setOffline(false);
        assertThat(thu.connection()).hasText("Trực tiếp");
        assertThat(thu.price()).hasText("650.000.000 ₫");
        assertThat(thu.you()).hasText("Bạn đã bị trả giá cao hơn");
        assertThat(value(thu.board(), "Giá hiện tại").getByText("(có thể đã cũ)")).isHidden();

        // past the end the soft close moved, the exchange's deadline closes the auction, and both boards say so
        exchange.clock().advance(Duration.ofMinutes(6));
        kenji = new Auction(kyoto);
        assertThat(kenji.phase()).hasText("Đã kết thúc: có người thắng");
        assertThat(kenji.you()).hasText("Bạn đã thắng");
        assertThat(thu.phase()).hasText("Đã kết thúc: có người thắng");
        assertThat(thu.you()).hasText("Bạn không thắng");
        assertThat(mekong.getByRole(AriaRole.BUTTON, DealPages.named("Xem lại giá đặt"))).isHidden();
        look(kyoto, "27-auction-won");
    }

    private Deal bothPartiesSign(BrowserExchange exchange, Page kyoto, Page university, PublishedListing listing) {
        String auctionId = path(kyoto).replaceAll(".*/", "");
        // the winner finds the contract drawn up from the auction among the contracts to sign
        kyoto.navigate(exchange.url("/my/contracts"));
        Locator toSign = new MyContracts(kyoto).needsMe().getByRole(AriaRole.LINK, new Locator.GetByRoleOptions()
                .setName(Pattern.compile("^Ký phiên bản 1 của hợp đồng cho “" + DealPages.literal(listing.title()) + ".*” với hust$")));
        reloadUntilVisible(kyoto, toSign);
        look(kyoto, "28-my-contracts");
        toSign.click();
        Contract contract = new Contract(kyoto);
        assertThat(contract.status()).hasText("Đang soạn thảo");
        assertThat(kyoto.locator("article.contract-document")).containsText("Technology transfer contract");
        look(kyoto, "29-contract-to-sign");
        String contractId = path(kyoto).replaceAll(".*/", "");
        contract.sign(1);
        assertThat(contract.signatures()).containsText("Đã ký phiên bản 1");
        look(kyoto, "30-contract-signed-by-buyer");

        // the university finds it under what needs it, and signs in its own browser with its own key
        university.navigate(exchange.url("/my/deals"));
        MyDeals deals = new MyDeals(university);
        deals.needsMe().getByRole(AriaRole.LINK, new Locator.GetByRoleOptions()
                .setName(Pattern.compile("^Ký phiên bản 1 của hợp đồng cho “" + DealPages.literal(listing.title())))).click();
        new Contract(university).sign(1);
        return new Deal(listing.listingId(), auctionId, contractId);
    }

    /**
     * A sealed-bid auction: each firm's browser seals its amount with a secret, so only the hash reaches the exchange;
     * one firm reveals with the secret file it kept (its browser's storage gone), the other from its browser; the
     * highest revealed bid wins.
     */
    @Test
    void aSealedBidIsCommittedInTheBrowserAndRevealedWithTheKeptSecretAndTheWinnerIsShown(BrowserExchange exchange,
                                                                                         @TempDir Path downloads) throws Exception {
        PublishedListing listing = DealFixtures.publishedListing(exchange.services(), "AUCTION",
                "Chủng vi sinh phân hủy thuốc nhuộm azo", "[{\"dealType\": \"ASSIGNMENT\"}]");
        Page university = exchange.signedIn("lan.nguyen", "/technologies/" + listing.listingId());
        new ListingDeals(university).schedule("Lên lịch đấu giá kín");
        Instant now = exchange.clock().instant();
        new Form(university).field("Giá sàn kín (không bắt buộc)", "1.000.000.000")
                .field("Hạn nộp giá kín", LOCAL_INPUT.format(now.plus(Duration.ofMinutes(10))))
                .field("Hạn công bố giá", LOCAL_INPUT.format(now.plus(Duration.ofMinutes(20))))
                .press("Xem lại phiên đấu giá");
        new Confirm(university, "Kiểm tra phiên đấu giá").confirm("Lên lịch phiên đấu giá");
        SealedBid sellers = new SealedBid(university);
        assertThat(sellers.section("Điều gì được giữ kín, với ai, đến khi nào")).containsText("số tiền không rời khỏi máy tính");
        look(university, "32-sealed-bid-seller");
        String auctionPath = path(university);
        String auctionId = auctionPath.replaceAll(".*/", "");

        // mekong-biotech seals 1.7 billion: the amount stays in its browser, the console gets the hash
        Page mekong = exchange.signedIn("thu.vo", auctionPath);
        SealedBid thu = new SealedBid(mekong);
        thu.seal("1.700.000.000");
        Locator panel = mekong.getByRole(AriaRole.HEADING, DealPages.named("Kiểm tra trước khi cam kết")).locator("xpath=..");
        assertThat(panel).containsText("1.700.000.000 ₫");
        assertThat(panel).containsText("một tỷ bảy trăm triệu đồng");
        look(mekong, "33-sealed-bid-commit");
        Request sent = mekong.waitForRequest(request -> request.url().contains("/commitments"), () ->
                mekong.getByRole(AriaRole.BUTTON, DealPages.named("Nộp giá kín")).click());
        assertThat(sent.postData()).contains("commitment=").doesNotContain("1700000000").doesNotContain("1.700.000.000");
        assertThat(doneNotice(mekong)).hasText(Pattern.compile("Giá kín số 1 của bạn đã được nộp lúc .+"));
        JsonNode kept = EventJson.mapper().readTree(Files.readString(new SealedBid(mekong).saveSecret(downloads)));
        assertThat(kept.path("amount").asText()).isEqualTo("1700000000");
        assertThat(kept.path("secret").asText()).matches("[0-9a-f]{64}");
        // what the browser computed is bidding-service's own commitment of that amount and secret
        String commitment = SealedBidCommitment.of(auctionId, "mekong-biotech", new BigDecimal("1700000000"), "VND",
                kept.path("secret").asText());
        assertThat(kept.path("commitment").asText()).isEqualTo(commitment);
        assertThat(mekong.getByRole(AriaRole.REGION, DealPages.named("Giá của bạn"))).containsText(commitment);
        look(mekong, "34-sealed-bid-committed");

        Page kyoto = exchange.signedIn("kenji.sato", auctionPath);
        new SealedBid(kyoto).seal("1.600.000.000");
        kyoto.getByRole(AriaRole.BUTTON, DealPages.named("Nộp giá kín")).click();
        assertThat(doneNotice(kyoto)).containsText("Giá kín số 2 của bạn đã được nộp");

        // bids are due: mekong-biotech reveals from its file, as on another computer; kyoto-materials from its browser
        exchange.clock().advance(Duration.ofMinutes(11));
        mekong.evaluate("() => localStorage.clear()");
        mekong.reload();
        thu = new SealedBid(mekong);
        assertThat(thu.section("Mã bí mật của bạn")).containsText("Trình duyệt này không giữ mã bí mật");
        mekong.getByLabel("Mở tệp mã bí mật bạn đã lưu").setInputFiles(downloads.resolve("techex-sealed-bid-" + auctionId + ".json"));
        assertThat(thu.section("Công bố giá")).containsText("Bạn công bố: 1.700.000.000 ₫ — một tỷ bảy trăm triệu đồng");
        look(mekong, "35-sealed-bid-reveal");
        mekong.getByRole(AriaRole.BUTTON, DealPages.named("Công bố giá")).click();
        assertThat(doneNotice(mekong)).hasText("Giá 1.700.000.000 ₫ của bạn đã được công bố và khớp với dấu niêm phong.");
        kyoto.reload();
        assertThat(new SealedBid(kyoto).section("Công bố giá")).containsText("1.600.000.000 ₫");
        kyoto.getByRole(AriaRole.BUTTON, DealPages.named("Công bố giá")).click();
        assertThat(doneNotice(kyoto)).containsText("Giá 1.600.000.000 ₫ của bạn đã được công bố");

        // the reveal deadline passes: the highest revealed bid wins
        exchange.clock().advance(Duration.ofMinutes(10));
        Locator won = mekong.getByText("Bạn đã thắng.");
        reloadUntilVisible(mekong, won);
        assertThat(new SealedBid(mekong).section("Kết quả")).containsText("Giá thắng 1.700.000.000 ₫");
        look(mekong, "36-sealed-bid-won");
        kyoto.reload();
        assertThat(kyoto.getByText("Bạn không thắng.")).isVisible();
        new ConsolePages.Frame(kyoto).switchToEnglish();
        assertThat(kyoto.getByRole(AriaRole.HEADING, DealPages.named("Sealed-bid auction"))).isVisible();
        assertThat(kyoto.getByText("You did not win.")).isVisible();
        assertThat(kyoto.getByRole(AriaRole.REGION, DealPages.named("Result"))).containsText("Won at ₫1,700,000,000");
        look(kyoto, "37-sealed-bid-lost-english");

        // the words the browser wrote are the console's own
        for (String amount : List.of("1000000", "1005000", "21000000", "1700000000", "3200000000000000")) {
            Object inBrowser = mekong.evaluate("async ([amount, lang]) => (await import('/js/number-words.js')).amountInWords(amount, 'VND', lang)",
                    List.of(amount, "vi"));
            assertThat(inBrowser).isEqualTo(Formats.moneyInWords(new BigDecimal(amount), "VND", Locale.forLanguageTag("vi")));
            Object inEnglish = mekong.evaluate("async ([amount, lang]) => (await import('/js/number-words.js')).amountInWords(amount, 'VND', lang)",
                    List.of(amount, "en"));
            assertThat(inEnglish).isEqualTo(Formats.moneyInWords(new BigDecimal(amount), "VND", Locale.ENGLISH));
        }
    }

    /**
     * A negotiation: the firm offers on a deal option, the university counters, the firm counters again, and the
     * history shows each change round by round; the university accepts; the contract is amended and signed, takes
     * effect, and its milestone is met and paid. An offer nobody answered in time says it expired.
     */
    @Test
    void aNegotiationWithTwoCountersShowsEachChangeAndEndsInAContractInEffect(BrowserExchange exchange) throws Exception {
        PublishedListing listing = DealFixtures.publishedListing(exchange.services(), "NEGOTIATION",
                "Cảm biến sinh học đo độc tố vi nấm", "[{\"dealType\": \"NON_EXCLUSIVE_LICENCE\", \"territory\": \"VN\"}]");

        // kyoto-materials lets an offer run out: its page says so
        String expiring = json(exchange.services().send(Service.BIDDING, "POST", "/negotiations", """
                {"listingId": "%s", "validUntil": "%s", "terms": {"dealType": "NON_EXCLUSIVE_LICENCE", "territory": "VN",
                 "termMonths": 12, "price": {"currency": "VND", "lumpSum": "90000000"}}}"""
                .formatted(listing.listingId(), exchange.clock().instant().plus(Duration.ofHours(1))), TestTokens.FOREIGN_FIRM))
                .get("negotiationId").asText();
        exchange.clock().advance(Duration.ofHours(2));
        Page kyoto = exchange.signedIn("kenji.sato", "/negotiations/" + expiring);
        Locator expired = kyoto.getByText(Pattern.compile("^Chào giá vòng 1 đã hết hạn lúc .+ mà không ai trả lời\\."));
        reloadUntilVisible(kyoto, expired);
        assertThat(new Negotiation(kyoto).state()).isVisible();
        look(kyoto, "40-negotiation-expired");

        // mekong-biotech offers on the listing's deal option
        Page mekong = exchange.signedIn("thu.vo", "/technologies/" + listing.listingId());
        new ListingDeals(mekong).offer("Li-xăng không độc quyền · VN");
        Form offer = new Form(mekong);
        assertThat(offer.value("Lãnh thổ (mã nước, không bắt buộc)")).isEqualTo("VN");
        offer.field("Thời hạn li-xăng (tháng)", "36")
                .field("Tiền trả gọn", "400.000.000")
                .field("Phí bản quyền (% doanh thu thuần)", "3,5")
                .field("Mốc 1: khi nào đến mốc", "Dây chuyền pilot vận hành")
                .field("Mốc 1: số tiền", "100.000.000");
        look(mekong, "41-offer-form");
        offer.press("Xem lại chào giá");
        Confirm confirm = new Confirm(mekong, "Kiểm tra chào giá");
        assertThat(confirm.what()).containsText("400.000.000 ₫ — bốn trăm triệu đồng");
        assertThat(confirm.what()).containsText("3,5 % doanh thu thuần");
        assertThat(confirm.what()).containsText("Dây chuyền pilot vận hành: 100.000.000 ₫");
        look(mekong, "42-offer-confirm");
        confirm.confirm("Gửi chào giá ràng buộc");
        Negotiation thu = new Negotiation(mekong);
        assertThat(doneNotice(mekong)).hasText(Pattern.compile("Đã gửi chào giá \\(vòng 1\\) lúc .+; chào giá ràng buộc bạn đến .+"));
        assertThat(thu.state()).containsText("Đang chờ hust trả lời");
        String negotiationPath = path(mekong);

        // hust finds the offer under what needs it and counters with a higher lump sum
        Page university = exchange.signedIn("lan.nguyen", "/my/deals");
        MyDeals deals = new MyDeals(university);
        Locator answer = deals.needsMe().getByRole(AriaRole.LINK, new Locator.GetByRoleOptions()
                .setName(Pattern.compile("^mekong-biotech đã chào giá cho “" + DealPages.literal(listing.title()) + "”")));
        assertThat(answer).isVisible();
        look(university, "43-my-deals-seller");
        answer.click();
        Negotiation lan = new Negotiation(university);
        assertThat(lan.state()).containsText("Đến lượt bạn");
        lan.counter().field("Tiền trả gọn", "550.000.000").press("Xem lại đề nghị trả giá");
        new Confirm(university, "Kiểm tra đề nghị trả giá").confirm("Gửi đề nghị trả giá");
        assertThat(doneNotice(university)).containsText("Đã gửi đề nghị trả giá (vòng 2)");

        // mekong-biotech meets it halfway and asks a higher royalty
        mekong.navigate(exchange.url(negotiationPath));
        thu = new Negotiation(mekong);
        assertThat(thu.state()).containsText("Đến lượt bạn");
        thu.counter().field("Tiền trả gọn", "480.000.000").field("Phí bản quyền (% doanh thu thuần)", "4")
                .press("Xem lại đề nghị trả giá");
        new Confirm(mekong, "Kiểm tra đề nghị trả giá").confirm("Gửi đề nghị trả giá");
        assertThat(doneNotice(mekong)).containsText("(vòng 3)");

        // the history shows each change, round by round
        university.navigate(exchange.url(negotiationPath));
        lan = new Negotiation(university);
        assertThat(lan.row("Tiền trả gọn").getByRole(AriaRole.CELL)).containsText(new String[]{
                "400.000.000 ₫", "550.000.000 ₫", "480.000.000 ₫"});
        assertThat(lan.changed("Tiền trả gọn")).hasText(new String[]{"550.000.000 ₫", "480.000.000 ₫"});
        assertThat(lan.changed("Phí bản quyền theo doanh thu")).hasText(new String[]{"4 %"});
        assertThat(lan.changed("Các mốc thanh toán")).hasCount(0);
        look(university, "44-negotiation-history");

        // hust accepts the terms on the table, once more shown before they bind
        university.getByRole(AriaRole.BUTTON, DealPages.named("Chấp nhận chào giá…")).click();
        Confirm accept = new Confirm(university, "Chấp nhận các điều khoản này");
        assertThat(accept.what()).containsText("480.000.000 ₫ — bốn trăm tám mươi triệu đồng");
        look(university, "45-accept-confirm");
        accept.confirm("Chấp nhận và chốt giao dịch");
        assertThat(new Negotiation(university).state()).containsText("Đã thỏa thuận: chào giá vòng 3 được bên bán chấp nhận");

        // the contract: mekong-biotech proposes governing terms, hust accepts the amendment, both sign version 2
        mekong.navigate(exchange.url("/my/contracts"));
        Locator contractLink = new MyContracts(mekong).needsMe().getByRole(AriaRole.LINK, new Locator.GetByRoleOptions()
                .setName(Pattern.compile("^Ký phiên bản 1 của hợp đồng cho “" + DealPages.literal(listing.title()))));
        reloadUntilVisible(mekong, contractLink);
        contractLink.click();
        new Contract(mekong);
        String contractPath = path(mekong);
        mekong.getByRole(AriaRole.LINK, DealPages.named("Đề nghị sửa đổi")).click();
        // the licence also covers the pilot line's sales since it started, a quarter and a few days ago: its first
        // royalty period has ended by the time the contract takes effect, and mekong-biotech reports it at once
        LocalDate licenceStart = LocalDate.ofInstant(exchange.clock().instant(), ZoneOffset.UTC).minusMonths(3).minusDays(5);
        new Form(mekong).field("Điều khoản áp dụng", "Luật Việt Nam; tranh chấp giải quyết tại VIAC.")
                .field("Từ ngày (để trống: ngày có hiệu lực)", licenceStart.toString());
        look(mekong, "46-amendment-form");
        mekong.getByRole(AriaRole.BUTTON, DealPages.named("Gửi đề nghị sửa đổi")).click();
        assertThat(doneNotice(mekong)).containsText("Đã đề nghị sửa đổi số 1");

        university.navigate(exchange.url(contractPath));
        Contract lansContract = new Contract(university);
        Locator amendment = lansContract.section("Sửa đổi số 1 do mekong-biotech đề nghị");
        assertThat(amendment.locator("mark").filter(new Locator.FilterOptions().setHasText("Luật Việt Nam")))
                .hasText("Luật Việt Nam; tranh chấp giải quyết tại VIAC.");
        assertThat(amendment.locator("mark")).hasCount(2);
        university.getByRole(AriaRole.BUTTON, DealPages.named("Chấp nhận sửa đổi…")).click();
        new Confirm(university, "Chấp nhận sửa đổi").confirm("Chấp nhận sửa đổi");
        assertThat(doneNotice(university)).containsText("hợp đồng nay là phiên bản 2");
        lansContract = new Contract(university);
        lansContract.sign(2);
        mekong.navigate(exchange.url(contractPath));
        Contract thusContract = new Contract(mekong);
        thusContract.sign(2);
        assertThat(thusContract.status()).hasText("Có hiệu lực");
        assertThat(thusContract.legalPath()).containsText("Có hiệu lực.");

        // in effect since the agreed start: the first quarter has ended and awaits mekong-biotech's report, which
        // mekong-biotech, the licensee, makes; 4 % of its net sales is due and the balance shows it
        Locator account = thusContract.section("Phí bản quyền, thanh toán và các mốc");
        // contract-service opens the royalty account as the contract takes effect, a moment after the page was drawn
        reloadUntilVisible(mekong, account);
        assertThat(DealPages.value(account, "Còn lại").locator("strong")).hasText("0 ₫");
        Locator firstQuarter = account.getByRole(AriaRole.TABLE, new Locator.GetByRoleOptions().setName("Các kỳ phí bản quyền"))
                .getByRole(AriaRole.ROW, new Locator.GetByRoleOptions().setName(Pattern.compile("^Kỳ 1: ")));
        assertThat(firstQuarter).containsText("Chờ báo cáo");
        look(mekong, "47a-royalty-report-due");
        assertThat(mekong.getByLabel("Kỳ", new Page.GetByLabelOptions().setExact(true)).locator("option:checked"))
                .hasText(Pattern.compile("^Kỳ 1: "));
        mekong.getByLabel("Doanh thu thuần (VND)").fill("250.000.000");
        mekong.getByRole(AriaRole.BUTTON, DealPages.named("Gửi báo cáo")).click();
        assertThat(doneNotice(mekong)).containsText("Đã ghi nhận báo cáo phí bản quyền");
        account = new Contract(mekong).section("Phí bản quyền, thanh toán và các mốc");
        assertThat(DealPages.value(account, "Doanh thu thuần đã báo cáo")).hasText("250.000.000 ₫");
        assertThat(DealPages.value(account, "Phải trả")).hasText("10.000.000 ₫");
        assertThat(DealPages.value(account, "Còn lại").locator("strong")).hasText("10.000.000 ₫");
        assertThat(account.getByRole(AriaRole.ROW, new Locator.GetByRoleOptions().setName(Pattern.compile("^Kỳ 1: "))))
                .containsText("Đã báo cáo");
        // the second quarter runs on: nothing else to report yet, and the page says why
        assertThat(account.getByText("Chưa có kỳ nào chờ báo cáo: mỗi kỳ được báo cáo sau khi kỳ đó kết thúc.")).isVisible();
        assertThat(mekong.getByRole(AriaRole.BUTTON, DealPages.named("Gửi báo cáo"))).hasCount(0);
        look(mekong, "47b-royalty-reported");

        // hust records the pilot line's milestone met, then the payments received against it and the first quarter;
        // the balance follows each
        university.navigate(exchange.url(contractPath));
        lansContract = new Contract(university);
        account = lansContract.section("Phí bản quyền, thanh toán và các mốc");
        assertThat(DealPages.value(account, "Còn lại").locator("strong")).hasText("10.000.000 ₫");
        university.getByRole(AriaRole.BUTTON, DealPages.named("Ghi nhận hoàn thành")).click();
        assertThat(doneNotice(university)).containsText("Đã ghi nhận hoàn thành mốc");
        account = new Contract(university).section("Phí bản quyền, thanh toán và các mốc");
        assertThat(DealPages.value(account, "Còn lại").locator("strong")).hasText("110.000.000 ₫");
        university.getByLabel("Cho", new Page.GetByLabelOptions().setExact(true))
                .selectOption(new SelectOption().setLabel("mốc " + milestoneId(university)));
        university.getByLabel("Số tiền (VND)").fill("100.000.000");
        university.getByRole(AriaRole.BUTTON, DealPages.named("Ghi nhận thanh toán")).click();
        assertThat(doneNotice(university)).containsText("Đã ghi nhận khoản thanh toán");
        account = new Contract(university).section("Phí bản quyền, thanh toán và các mốc");
        assertThat(DealPages.value(account, "Còn lại").locator("strong")).hasText("10.000.000 ₫");
        university.getByLabel("Cho", new Page.GetByLabelOptions().setExact(true)).selectOption(new SelectOption().setLabel("kỳ 1"));
        university.getByLabel("Số tiền (VND)").fill("10.000.000");
        university.getByRole(AriaRole.BUTTON, DealPages.named("Ghi nhận thanh toán")).click();
        assertThat(doneNotice(university)).containsText("Đã ghi nhận khoản thanh toán");
        Contract inEffect = new Contract(university);
        assertThat(DealPages.value(inEffect.section("Phí bản quyền, thanh toán và các mốc"), "Còn lại").locator("strong"))
                .hasText("0 ₫");
        assertThat(inEffect.section("Phí bản quyền, thanh toán và các mốc").getByRole(AriaRole.TABLE,
                new Locator.GetByRoleOptions().setName("Các khoản thanh toán")).getByRole(AriaRole.ROW)).hasCount(3);
        assertThat(inEffect.section("Quyền đối với công nghệ này vào một ngày").getByRole(AriaRole.TABLE))
                .containsText("mekong-biotech");
        look(university, "47-contract-in-effect");
    }

    // ------------------------------------------------------------------ plumbing

    /** The milestone's id as the account names it: "Dây chuyền pilot vận hành (m1)". */
    private static String milestoneId(Page page) {
        String row = page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Các mốc"))
                .getByRole(AriaRole.ROWHEADER).first().textContent();
        return row.replaceAll("^.*\\(([^)]+)\\)\\s*$", "$1");
    }

    private static String path(Page page) {
        return page.url().replaceAll("^https?://[^/]+", "").replaceAll("[?#].*$", "");
    }

    private static void look(Page page, String name) {
        Axe.check(page, name);
        Screenshots.take(page, name);
    }
}
