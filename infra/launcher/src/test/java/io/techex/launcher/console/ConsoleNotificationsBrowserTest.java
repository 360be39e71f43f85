package io.techex.launcher.console;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.techex.launcher.FourServices.Service;
import io.techex.launcher.console.ConsolePages.MyNotifications;
import io.techex.launcher.console.ConsolePages.NotificationsLink;
import io.techex.launcher.console.DealFixtures.PublishedListing;
import io.techex.launcher.console.ExchangeApi.WaitingContract;
import io.techex.launcher.console.RegulatorPages.ContractPage;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.techex.launcher.FourServices.json;
import static io.techex.launcher.console.DealPages.doneNotice;
import static io.techex.launcher.console.DealPages.reloadUntilVisible;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /my/notifications} in a real Chromium: each person's feed as notification-service words it from the other
 * services' events, the header's count of what they have not read, marking one read where it stands, and opening one
 * (which marks it read too) on the page it tells about. Every page passes axe-core and is saved as a screenshot.
 */
@OnBrowserExchange
class ConsoleNotificationsBrowserTest {

    /**
     * mekong-biotech offers on hust's listing: lan.nguyen of hust finds it in her feed, the header counting it, marks
     * it read, and opens it on the negotiation. A contract into Japan waits for registration: the regulator's feed
     * has the decision asked of it with its deadline (contract-service's RegulatoryDecisionRequested), which opens on
     * the regulator's page of the contract.
     */
    @Test
    void eachPersonReadsTheirFeedTheHeaderCountsWhatIsUnreadAndOpeningOneGoesToItsPage(BrowserExchange exchange)
            throws Exception {
        PublishedListing listing = DealFixtures.publishedListing(exchange.services(), "NEGOTIATION",
                "Vật liệu hấp phụ kim loại nặng từ vỏ trấu", "[{\"dealType\": \"NON_EXCLUSIVE_LICENCE\", \"territory\": \"VN\"}]");
        HttpResponse<String> offered = exchange.services().send(Service.BIDDING, "POST", "/negotiations", """
                {"listingId": "%s", "validUntil": "%s", "terms": {"dealType": "NON_EXCLUSIVE_LICENCE", "territory": "VN",
                 "termMonths": 24, "price": {"currency": "VND", "lumpSum": "300000000"}}}"""
                .formatted(listing.listingId(), exchange.clock().instant().plus(Duration.ofDays(7))), TestTokens.FIRM);
        assertThat(offered.statusCode()).as(offered.body()).isEqualTo(201);
        String negotiationId = json(offered).get("negotiationId").asText();
        String subject = "Đề nghị mới cho «" + listing.title() + "»";

        // ---- hust's feed: the offer, new, and the header counts it
        Page university = exchange.signedIn(TestTokens.UNIVERSITY, "/my/notifications");
        MyNotifications feed = new MyNotifications(university);
        reloadUntilVisible(university, feed.item(subject));
        Locator offer = feed.item(subject);
        assertThat(offer).containsText("Một doanh nghiệp vừa gửi đề nghị cho «" + listing.title() + "»");
        assertThat(offer.getByText("Mới", new Locator.GetByTextOptions().setExact(true))).isVisible();
        NotificationsLink header = new NotificationsLink(university);
        assertThat(header.unreadCount()).hasText(Pattern.compile("^[1-9][0-9]*$"));
        int unread = Integer.parseInt(header.unreadCount().textContent());
        assertThat(header.link()).hasAccessibleName(Pattern.compile("^Thông báo\\s*, " + unread + " chưa đọc$"));
        assertThat(university.getByText(unread + " thông báo chưa đọc.")).isVisible();
        look(university, "60-my-notifications");

        // ---- marked read where it stands: no longer new, one fewer counted
        feed.markRead(subject);
        assertThat(doneNotice(university)).hasText("Đã đánh dấu đã đọc: " + subject);
        feed = new MyNotifications(university);
        assertThat(feed.item(subject).getByText("Mới", new Locator.GetByTextOptions().setExact(true))).hasCount(0);
        assertThat(feed.item(subject).getByRole(AriaRole.BUTTON)).hasCount(0);
        if (unread > 1) {
            assertThat(new NotificationsLink(university).unreadCount()).hasText(Integer.toString(unread - 1));
        } else {
            assertThat(new NotificationsLink(university).unreadCount()).hasCount(0);
            assertThat(university.getByText("Bạn đã đọc hết thông báo.")).isVisible();
        }
        look(university, "61-notification-read");

        // ---- opened: the negotiation it tells about
        feed.open(subject);
        assertThat(university).hasURL(Pattern.compile("/negotiations/" + negotiationId + "$"));
        assertThat(new DealPages.Negotiation(university).state()).containsText("Đến lượt bạn");

        // ---- the regulator's feed: a registration asked of it, due by the deadline contract-service set
        WaitingContract waiting = new ExchangeApi(exchange).contractWaitingForRegistration(UUID.randomUUID().toString().substring(0, 6));
        String asked = "Hợp đồng «" + waiting.title() + "» chờ quyết định: đăng ký hợp đồng";
        Page regulator = exchange.signedIn(TestTokens.REGULATOR, "/my/notifications");
        MyNotifications regulators = new MyNotifications(regulator);
        reloadUntilVisible(regulator, regulators.item(asked));
        assertThat(regulators.item(asked)).containsText(Pattern.compile(
                "Hợp đồng chuyển giao «" + DealPages.literal(waiting.title()) + "» cần quyết định của cơ quan quản lý "
                        + "\\(đăng ký hợp đồng\\), hạn đến .+\\."));
        assertThat(new NotificationsLink(regulator).unreadCount()).hasText(Pattern.compile("^[1-9][0-9]*$"));
        look(regulator, "62-regulator-notifications");
        regulators.open(asked);
        ContractPage contract = new ContractPage(regulator);
        assertThat(regulator).hasURL(Pattern.compile("/regulator/contracts/" + waiting.contractId() + "$"));
        assertThat(contract.status()).hasText("Chờ đăng ký");
        regulator.navigate(exchange.url("/my/notifications"));
        assertThat(new MyNotifications(regulator).item(asked).getByText("Mới", new Locator.GetByTextOptions().setExact(true)))
                .hasCount(0);
    }

    private static void look(Page page, String name) {
        Axe.check(page, name);
        Screenshots.take(page, name);
    }
}
