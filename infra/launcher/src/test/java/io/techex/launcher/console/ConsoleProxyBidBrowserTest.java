package io.techex.launcher.console;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.techex.launcher.FourServices.Service;
import io.techex.launcher.console.DealFixtures.PublishedListing;
import io.techex.launcher.console.DealPages.Auction;
import io.techex.launcher.console.DealPages.Confirm;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.techex.launcher.FourServices.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A maximum (proxy) bid set in the browser: the exchange bids for its firm, and nobody else learns the maximum. */
@OnBrowserExchange
class ConsoleProxyBidBrowserTest {

    private static final LocatorAssertions.HasTextOptions WITHIN_A_SECOND = new LocatorAssertions.HasTextOptions().setTimeout(1000);

    @Test
    void aFirmBidsWithASecretMaximumAndTheExchangeOutbidsTheOtherFirmForItAtOnce(BrowserExchange exchange) throws Exception {
        PublishedListing listing = DealFixtures.publishedListing(exchange.services(), "AUCTION",
                "Vật liệu cách nhiệt từ vỏ trấu", """
                        [{"dealType": "ASSIGNMENT"}]""");
        String auctionPath = "/auctions/" + openAuction(exchange, listing.listingId());

        // kyoto-materials opens at the starting price and lets the exchange go up to 700,000,000 for it
        Page kyoto = exchange.signedIn("kenji.sato", auctionPath);
        Auction kenji = new Auction(kyoto);
        assertThat(kenji.bidField()).hasValue("500000000");
        maximumField(kyoto).fill("700.000.000");
        kenji.reviewBid(null);
        Confirm confirm = new Confirm(kyoto, "Kiểm tra giá đặt");
        assertThat(confirm.what()).containsText("500.000.000 ₫ — năm trăm triệu đồng");
        assertThat(confirm.what()).containsText("700.000.000 ₫ — bảy trăm triệu đồng");
        assertThat(kyoto.getByText("Sàn sẽ tự đặt giá thay bạn đến mức tối đa")).isVisible();
        look(kyoto, "26c-proxy-bid-confirm");
        confirm.confirm("Đặt giá ràng buộc");
        assertThat(kyoto.getByText("Mức tối đa sàn được đặt thay bạn: 700.000.000 ₫ (chỉ bạn thấy)")).isVisible();
        assertThat(new Auction(kyoto).you()).hasText("Bạn đang dẫn đầu");

        // mekong-biotech bids 600,000,000: kyoto-materials' maximum answers at once with one increment more
        Page mekong = exchange.signedIn("thu.vo", auctionPath);
        Auction thu = new Auction(mekong);
        assertThat(mekong.content()).doesNotContain("700.000.000");
        thu.reviewBid("600.000.000");
        new Confirm(mekong, "Kiểm tra giá đặt").confirm("Đặt giá ràng buộc");
        assertThat(mekong.locator("main > p[role=status]")).containsText("Mức tối đa của một tổ chức khác đã trả cao hơn ngay");
        thu = new Auction(mekong);
        assertThat(thu.price()).hasText("610.000.000 ₫", WITHIN_A_SECOND);
        assertThat(thu.you()).hasText("Bạn đã bị trả giá cao hơn");
        assertThat(thu.bidField()).hasValue("620000000");
        assertThat(mekong.content()).doesNotContain("700.000.000");
        look(mekong, "26d-proxy-bid-outbid-at-once");

        // kyoto-materials' board follows without a reload: still leading, at the price its maximum paid
        assertThat(kenji.price()).hasText("610.000.000 ₫", WITHIN_A_SECOND);
        assertThat(kenji.you()).hasText("Bạn đang dẫn đầu", WITHIN_A_SECOND);
        look(kyoto, "26e-proxy-bid-leading");
    }

    /** hust's English auction on the listing, open from now for ten minutes, once bidding-service knows the listing. */
    private static String openAuction(BrowserExchange exchange, String listingId) {
        return await().atMost(DealFixtures.ACROSS_SERVICES).pollInterval(Duration.ofMillis(200)).until(() -> {
            Instant now = exchange.clock().instant();
            HttpResponse<String> scheduled = exchange.services().send(Service.BIDDING, "POST", "/auctions", """
                    {"listingId": "%s", "dealType": "ASSIGNMENT", "startingPrice": "500000000",
                     "minimumIncrement": "10000000", "startsAt": "%s", "endsAt": "%s"}""".formatted(listingId, now,
                    now.plus(Duration.ofMinutes(10))), TestTokens.UNIVERSITY);
            return scheduled.statusCode() == 201 ? json(scheduled).get("auctionId").asText() : null;
        }, auctionId -> auctionId != null);
    }

    private static com.microsoft.playwright.Locator maximumField(Page page) {
        return page.getByLabel(Pattern.compile("^Mức tối đa sàn được đặt thay bạn \\(VND\\)"));
    }

    private static void look(Page page, String name) {
        Axe.check(page, name);
        Screenshots.take(page, name);
    }
}
