package io.techex.launcher.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import io.techex.audit.log.CanonicalJson;
import io.techex.contracts.EventJson;
import io.techex.launcher.console.ConsolePages.Frame;
import io.techex.launcher.console.ConsolePages.SignIn;
import io.techex.launcher.console.ExchangeApi.WaitingContract;
import io.techex.launcher.console.RegulatorPages.Checks;
import io.techex.launcher.console.RegulatorPages.ContractPage;
import io.techex.launcher.console.RegulatorPages.DecisionReview;
import io.techex.launcher.console.RegulatorPages.Decisions;
import io.techex.launcher.console.RegulatorPages.Statistics;
import io.techex.launcher.console.RegulatorPages.Timeline;
import io.techex.launcher.console.RegulatorPages.Verify;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The regulator's console in a real Chromium against the real services: a contract that waits for registration (set
 * up through the services' APIs), registered from the decisions page after a confirmation of exactly what will be
 * recorded; the asset's time line with its filters and "as of"; the export verified by the browser's own JavaScript
 * against the key the regulator pinned, and a tampered one failing at the entry that was changed; the checks and the
 * market statistics. Every page passes axe-core and is saved as a screenshot.
 */
@OnBrowserExchange
class ConsoleRegulatorBrowserTest {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    @Test
    void theRegulatorRegistersAWaitingContractReadsTheAssetsTimeLineAndVerifiesTheExportInTheBrowser(
            BrowserExchange exchange) throws Exception {
        String code = UUID.randomUUID().toString().substring(0, 6);
        WaitingContract waiting = new ExchangeApi(exchange).contractWaitingForRegistration(code);
        String number = "ĐK-2026-" + code;

        // ---- the regulator signs in and lands on the decisions due
        Page regulator = exchange.newPerson();
        regulator.navigate(exchange.url("/"));
        new Frame(regulator).signIn();
        new SignIn(regulator).as("minh.tran");
        Decisions decisions = new Decisions(regulator);
        assertThat(decisions.row(waiting.title())).containsText("Đăng ký hợp đồng");
        assertThat(decisions.row(waiting.title())).containsText("hust (VN)");
        assertThat(decisions.row(waiting.title())).containsText("kyoto-materials (JP)");
        assertThat(decisions.row(waiting.title())).containsText("31(1)(b)");
        look(regulator, "20-regulator-decisions");

        // ---- opens the contract and registers it, after seeing exactly what will be recorded
        decisions.open(waiting.title());
        ContractPage contract = new ContractPage(regulator);
        assertThat(contract.heading(waiting.title())).isVisible();
        assertThat(contract.status()).hasText("Chờ đăng ký");
        assertThat(contract.section("Nội dung hợp đồng")).containsText("2.750.000.000 ₫");
        assertThat(contract.section("Nội dung hợp đồng")).containsText("hai tỷ bảy trăm năm mươi triệu đồng");
        look(regulator, "21-regulator-contract");
        contract.register(number);
        DecisionReview review = new DecisionReview(regulator);
        assertThat(review.recorded()).containsText("ContractRegistered");
        assertThat(review.recorded()).containsText(number);
        assertThat(review.recorded()).containsText("Trần Quang Minh (minh.tran)");
        assertThat(review.recorded()).containsText(waiting.contractId());
        look(regulator, "22-decision-review");
        Instant beforeRegistration = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        review.confirm("Xác nhận cấp");

        // ---- the contract shows the decision, the event it produced in the trail, and when
        assertThat(new Frame(regulator).notice()).hasText("Đã ghi nhận quyết định.");
        contract = new ContractPage(regulator);
        assertThat(contract.section("Quyết định đã ghi nhận")).containsText("Đăng ký hợp đồng — số " + number);
        ContractPage registered = contract;
        reloadUntil(regulator, () -> registered.status().textContent().equals("Đang có hiệu lực")
                && registered.section("Quyết định đã ghi nhận").textContent()
                .contains("Ghi trong nhật ký kiểm toán là sự kiện ContractRegistered"));
        look(regulator, "23-contract-registered");

        // ---- the asset's time line: every service's events, who did what, links to what they concern
        new ContractPage(regulator).openTimeline();
        Timeline timeline = new Timeline(regulator);
        reloadUntil(regulator, () -> timeline.event("Hợp đồng có hiệu lực").count() == 1);
        assertThat(timeline.event("Đăng ký hợp đồng")).containsText("minh.tran · dost-hanoi");
        assertThat(timeline.event("Công bố trên sàn")).containsText("lan.nguyen · hust");
        assertThat(timeline.event("Đưa ra đề nghị")).containsText("kenji.sato · kyoto-materials");
        assertThat(timeline.event("Thỏa thuận giao dịch").getByRole(AriaRole.LINK).first())
                .hasAttribute("href", "/technologies/" + waiting.listingId());
        assertThat(timeline.event("Đăng ký hợp đồng").getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator
                .GetByRoleOptions().setName(waiting.contractId()))).hasAttribute("href", "/regulator/contracts/" + waiting.contractId());
        look(regulator, "24-asset-timeline");

        // filtered by the organisation that acted: the regulator's decision, and what it caused at once (the licence
        // took effect and the listing became licensed in the same step, so the trail names the regulator for them too)
        timeline.byParty("dost-hanoi");
        assertThat(timeline.events()).hasCount(3);
        assertThat(timeline.event("Đăng ký hợp đồng")).hasCount(1);
        assertThat(timeline.event("Hợp đồng có hiệu lực")).hasCount(1);
        for (int i = 0; i < 3; i++) {
            assertThat(timeline.events().nth(i)).containsText("minh.tran · dost-hanoi");
        }
        timeline.clear();
        // as it stood just before the registration: signed by both, not registered, not in effect
        timeline.asOf(LocalDateTime.ofInstant(beforeRegistration.minusSeconds(1), VIETNAM).toString());
        assertThat(regulator.getByRole(AriaRole.STATUS)).containsText("Dòng thời gian như tại thời điểm");
        assertThat(timeline.event("Ký hợp đồng")).hasCount(2);
        assertThat(timeline.event("Đăng ký hợp đồng")).hasCount(0);
        assertThat(timeline.event("Hợp đồng có hiệu lực")).hasCount(0);
        look(regulator, "25-timeline-as-of");
        timeline.clear();

        // ---- verifies the export in the browser, against the log's key it pins first
        new ExchangeApi(exchange).awaitInLog(waiting.listingId(), "ContractActivated");
        timeline.verify();
        Verify verify = new Verify(regulator);
        assertThat(regulator.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Kiểm chứng ngay"))).isDisabled();
        assertThat(verify.outcome()).containsText("Hãy tin cậy khóa của nhật ký");
        verify.trustTheLogsKey();
        verify.verifyNow();
        assertThat(verify.outcome()).containsText("ĐÃ KIỂM CHỨNG");
        assertThat(verify.outcome()).containsText("Đầy đủ: nhật ký đã ký rằng tài sản có");
        assertThat(verify.failedRows()).hasCount(0);
        int verified = verify.results().locator("tbody tr.verified").count();
        assertThat(verified).isGreaterThanOrEqualTo(10);
        look(regulator, "26-verify-in-browser");
        // the files for the offline verifier are the ones just verified
        JsonNode export = EventJson.mapper().readTree(verify.download("Bản xuất (trail.json)"));
        assertThat(export.path("assetId").asText()).isEqualTo(waiting.listingId());
        assertThat(export.path("entries")).hasSize(verified);
        JsonNode head = EventJson.mapper().readTree(verify.download("Đầu cây được ký (treehead.json)"));
        assertThat(head.path("treeSize").asLong()).isEqualTo(export.at("/treeHead/treeSize").asLong());
        assertThat(new String(verify.download("Các khóa của nhật ký (log-keys.pem)"), StandardCharsets.US_ASCII))
                .contains("-----BEGIN PUBLIC KEY-----");

        // ---- the market statistics: the licence to Japan is a cross-border deal in the water-treatment field (C)
        regulator.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Thống kê thị trường").setExact(true)).click();
        Statistics statistics = new Statistics(regulator);
        assertThat(statistics.table("Giao dịch trong nước và xuyên biên giới")).containsText("Từ Việt Nam ra nước ngoài");
        assertThat(statistics.table("Giao dịch theo phần IPC")).containsText("C — Hóa học; luyện kim");
        assertThat(statistics.table("Giao dịch theo quốc gia bên giao → bên nhận")).containsText("Việt Nam (VN) → Nhật Bản (JP)");
        assertThat(statistics.section("Theo lĩnh vực (phần IPC)").getByRole(AriaRole.IMG)).isVisible();
        regulator.waitForFunction("() => [...document.querySelectorAll('canvas')].every(c => c.width > 0 && !c.textContent)");
        look(regulator, "27-statistics");
        String csv = new String(statistics.downloadCsv("Trong nước và xuyên biên giới"), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("direction,currency,deals,value\r\n").contains("FROM_VIETNAM,VND,");

        // ---- the checks, each finding with the events that show it: here a listing that went public unverified
        List<String> unverified = new ExchangeApi(exchange).plantUnverifiedPublication();
        regulator.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Kiểm tra tuân thủ").setExact(true)).click();
        Checks checks = new Checks(regulator);
        assertThat(regulator.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                .setName("Hợp đồng phải đăng ký nhưng đã có hiệu lực khi chưa đăng ký"))).isVisible();
        var finding = checks.finding(unverified.getFirst());
        assertThat(finding).containsText("published without any ownership verification");
        assertThat(finding).containsText("hust (bên bán)");
        assertThat(finding.getByRole(AriaRole.ROW)).hasCount(3);
        look(regulator, "28-checks");
        finding.getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Công bố trên sàn")).click();
        assertThat(regulator).hasURL(Pattern.compile("/regulator/assets/" + unverified.getFirst() + "#event-" + unverified.get(2) + "$"));
        assertThat(new Timeline(regulator).events()).hasCount(2);
    }

    @Test
    void aTamperedExportFailsInTheBrowsersVerifierNamingTheEntry(BrowserExchange exchange) throws Exception {
        ExchangeApi api = new ExchangeApi(exchange);
        String listingId = api.publishedListing("Cảm biến quang đo độ đục nước " + UUID.randomUUID().toString().substring(0, 6),
                "AUCTION");
        JsonNode trail = api.awaitInLog(listingId, "ListingPublished");
        Page regulator = exchange.newPerson();
        regulator.navigate(exchange.url("/regulator/assets/" + listingId + "/verify"));
        new SignIn(regulator).as("minh.tran");
        Verify verify = new Verify(regulator);
        verify.trustTheLogsKey();

        // one byte of the second entry's leaf changed on its way to the browser: lan.nguyen becomes Lan.nguyen
        List<String> tamperedEvents = new ArrayList<>();
        regulator.route(Pattern.compile(".*/export\\.json\\?treeSize=\\d+$"), route -> tamper(route, tamperedEvents));
        verify.verifyNow();
        assertThat(verify.outcome()).containsText("KIỂM CHỨNG THẤT BẠI");
        assertThat(tamperedEvents).hasSize(1);
        assertThat(verify.outcome()).containsText("Mục 2 (sự kiện " + tamperedEvents.getFirst() + ", lá ");
        assertThat(verify.outcome()).containsText("mã băm của lá không khớp SHA-256(0x00 || lá): mục đã bị sửa");
        assertThat(verify.failedRows()).hasCount(1);
        assertThat(verify.failedRows()).containsText(tamperedEvents.getFirst());
        assertThat(trail.at("/entries/1/eventId").asText()).isEqualTo(tamperedEvents.getFirst());
        look(regulator, "29-verify-tampered");

        // the same export as the log wrote it verifies
        regulator.unrouteAll();
        verify.verifyNow();
        assertThat(verify.outcome()).containsText("ĐÃ KIỂM CHỨNG");
        assertThat(verify.failedRows()).hasCount(0);
    }

    /** The browser's canonical JSON, hashes and signatures against LOG.md's test vectors and TechEx's Java canonical form. */
    @Test
    @SuppressWarnings("unchecked")
    void theBrowsersCanonicalJsonHashesAndSignaturesAreLogMdsToTheByte(BrowserExchange exchange) throws Exception {
        Page page = exchange.newPerson();
        page.navigate(exchange.url("/"));
        List<String> inputs = List.of(
                "{ \"b\" : [ 1.50, 2E+3, -0.0, 12345678901234567890.123456789 ],\n"
                        + "  \"a\" : { \"z\": true, \"é\": \"Đại học \\\"Bách khoa\\\"\\n\\u0001\", \"y\": null } }",
                "[1e-7, 1500000.50, 100.0, 1E2, 12.340e1, -5e-3, 0.000, 0, -0, 7E-0, 123456789012345678901234567890]",
                "{\"\\uE000\": 1, \"\\uD83D\\uDE00\": 2, \"a\": 3, \"B\": 4, \"\": 5}",
                "\"\\u001f\\u007f\\u2028/\\/\\t\\b\\f\\r\"",
                "{\"price\": {\"amount\": 1500000000.00, \"currency\": \"VND\"}, \"title\": {\"vi\": \"Nước thải\"}, \"n\": [], \"o\": {}}");
        List<String> java = new ArrayList<>();
        for (String input : inputs) {
            java.add(CanonicalJson.write(EventJson.mapper().readTree(input)));
        }
        List<String> malformed = List.of("{\"a\":1,\"a\":2}", "[1,]", "01", "{\"a\":1} x", "\"\\u12\"", "1.", ".5", "+1",
                "NaN", "\"a\u0001\"");
        Map<String, Object> results = (Map<String, Object>) page.evaluate("""
                async ([inputs, malformed]) => {
                  const c = await import('/js/regulator/canonical-json.js');
                  const p = await import('/js/regulator/log-proofs.js');
                  const hex = (bytes) => p.toHex(bytes);
                  const leaf0 = '{"assetPrevious":null,"event":{"actororg":"hust","actorperson":"lan.nguyen","actorrole":"UNIVERSITY","data":{"askingPrice":{"amount":1500000000,"currency":"VND"},"listingId":"L-1","title":{"vi":"Nước thải"}},"datacontenttype":"application/json","id":"e-1","partitionkey":"L-1","source":"/techex/listing-service","specversion":"1.0","subject":"L-1","time":"2026-01-01T00:00:00.120Z","type":"io.techex.listing.ListingDrafted.v1"},"leafVersion":2}';
                  const leaf1 = leaf0.replace('"assetPrevious":null', '"assetPrevious":0').replace('"id":"e-1"', '"id":"e-2"')
                      .replace('"time":"2026-01-01T00:00:00.120Z"', '"time":"2026-01-01T00:00:01Z"');
                  const h0 = await p.leafHash(p.utf8(c.canonicalize(c.parse(leaf0))));
                  const h1 = await p.leafHash(p.utf8(leaf1));
                  const root = await p.nodeHash(h0, h1);
                  const key = p.fromBase64('MCowBQYDK2VwAyEAP5d9O2lEPx4LMDQf5/JjyiHBpQVkTxq2OIVXFirrAEc=');
                  const headBytes = p.treeHeadBytes(2, p.epochMillis('2026-01-01T00:01:00Z'), root);
                  const headSignature = p.fromBase64('cuthP1Mh32GcGpS69HPDTWC3lGQEZurNb3MChcoG4toJlmi5tHbdCE9Qaeepp3iTw4y9RJ3TYzvfEBhpCV3wDg==');
                  const assetBytes = p.assetHeadBytes(2, root, 2, 1, 'L-1');
                  const assetSignature = p.fromBase64('AXrapHgW2PlC2SyH15tqntnDJMmEDxfCnlTqZ8XTzUgZY+9DqwuR5rqPy27cIRdFb9ed4M9ecljxGTdYNRQFAA==');
                  const refused = (text) => { try { c.parse(text); return false; } catch (e) { return true; } };
                  return {
                    canonical: inputs.map((input) => c.canonicalize(c.parse(input))),
                    leaf0Canonical: c.canonicalize(c.parse(leaf0)) === leaf0,
                    leaf0: hex(h0), leaf1: hex(h1), root: hex(root),
                    keyId: await p.keyId(key),
                    headBytes: hex(headBytes),
                    headSigned: await p.verifyEd25519(key, headSignature, headBytes),
                    headForged: await p.verifyEd25519(key, headSignature, p.treeHeadBytes(3, p.epochMillis('2026-01-01T00:01:00Z'), root)),
                    assetBytes: hex(assetBytes),
                    assetSigned: await p.verifyEd25519(key, assetSignature, assetBytes),
                    inclusion: await p.verifyInclusion(1, 2, h1, [h0], root),
                    wrongInclusion: await p.verifyInclusion(0, 2, h1, [h0], root),
                    refused: malformed.map(refused),
                  };
                }""", List.of(inputs, malformed));
        assertThat((List<String>) results.get("canonical")).isEqualTo(java);
        assertThat((List<String>) results.get("canonical")).contains(
                "{\"a\":{\"y\":null,\"z\":true,\"é\":\"Đại học \\\"Bách khoa\\\"\\n\\u0001\"},\"b\":[1.5,2000,0,12345678901234567890.123456789]}",
                "[0.0000001,1500000.5,100,100,123.4,-0.005,0,0,0,7,123456789012345678901234567890]",
                "{\"\":5,\"B\":4,\"a\":3,\"\uD83D\uDE00\":2,\"\uE000\":1}");
        assertThat(results.get("leaf0Canonical")).isEqualTo(true);
        assertThat(results.get("leaf0")).isEqualTo("991ea2a6a6abaff971f0a5dbab0229c52750761b409de01c70245b36e5330b5a");
        assertThat(results.get("leaf1")).isEqualTo("1618e9bf1e404d5df57fd0573e18d23e53a08ecfa658bfeee830b162d9991849");
        assertThat(results.get("root")).isEqualTo("aa50e9e04d3bd6ad79776b3cfa097e140f9de52ab43cf19b1b93ee91ad521182");
        assertThat(results.get("keyId")).isEqualTo("170af7cd443ce0105abb4000668816109e7a32eb4d451049bc8d391958787053");
        assertThat(results.get("headBytes")).isEqualTo("7465636865782d61756469742d747265652d686561642d7631" + "00"
                + "0000000000000002" + "0000019b76db9260" + "aa50e9e04d3bd6ad79776b3cfa097e140f9de52ab43cf19b1b93ee91ad521182");
        assertThat(results.get("headSigned")).isEqualTo(true);
        assertThat(results.get("headForged")).isEqualTo(false);
        assertThat(results.get("assetBytes")).isEqualTo("7465636865782d61756469742d61737365742d686561642d7631" + "00"
                + "0000000000000002" + "aa50e9e04d3bd6ad79776b3cfa097e140f9de52ab43cf19b1b93ee91ad521182"
                + "0000000000000002" + "0000000000000001" + "00000003" + "4c2d31");
        assertThat(results.get("assetSigned")).isEqualTo(true);
        assertThat(results.get("inclusion")).isEqualTo(true);
        assertThat(results.get("wrongInclusion")).isEqualTo(false);
        assertThat((List<Boolean>) results.get("refused")).containsOnly(true);
    }

    /** Passes the export on with one character of its second entry's leaf changed, and notes which event that is. */
    private static void tamper(Route route, List<String> tamperedEvents) {
        APIResponse original = route.fetch();
        String body = original.text();
        int second = body.indexOf("\"canonical\":", body.indexOf("\"canonical\":") + 1);
        int person = body.indexOf("lan.nguyen", second);
        try {
            JsonNode export = EventJson.mapper().readTree(body);
            tamperedEvents.add(export.at("/entries/1/eventId").asText());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String tampered = body.substring(0, person) + "L" + body.substring(person + 1);
        route.fulfill(new Route.FulfillOptions().setResponse(original).setBody(tampered));
    }

    /**
     * Reloads until a page built on the server shows what comes through Kafka a moment later (in this thread:
     * Playwright's objects belong to the thread that made them).
     */
    static void reloadUntil(Page page, java.util.function.BooleanSupplier shown) {
        await().atMost(ExchangeApi.ACROSS_SERVICES).pollInSameThread().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    if (shown.getAsBoolean()) {
                        return true;
                    }
                    page.reload();
                    return false;
                });
    }

    private static void look(Page page, String name) {
        Axe.check(page, name);
        Screenshots.take(page, name);
    }
}
