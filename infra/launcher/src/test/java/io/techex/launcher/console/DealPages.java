package io.techex.launcher.console;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Page objects of the console's deal pages (part two: negotiations, auctions, contracts), beside {@link ConsolePages}:
 * found by role, label and the words a person reads, in Vietnamese.
 */
final class DealPages {

    private DealPages() {
    }

    /** What a binding action produced, and when: the status the page opens with. */
    static Locator doneNotice(Page page) {
        return page.locator("main > p[role=status]");
    }

    /** Something another service makes a moment later (a contract from a deal): the page is read again until it shows. */
    static void reloadUntilVisible(Page page, Locator what) {
        await().atMost(DealFixtures.ACROSS_SERVICES).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (what.isVisible()) {
                return true;
            }
            page.reload();
            return what.isVisible();
        });
    }

    static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name).setExact(true);
    }

    static Locator.GetByRoleOptions namedIn(String name) {
        return new Locator.GetByRoleOptions().setName(name).setExact(true);
    }

    /**
     * {@code text} as a regular expression that matches it literally, in the browser's JavaScript as in Java (Playwright
     * passes a pattern on; JavaScript knows no {@code \Q...\E}).
     */
    static String literal(String text) {
        return text.replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\$0");
    }

    /** A term of a definition list, by what it says, and the value beside it. */
    static Locator value(Locator within, String term) {
        return within.locator("dt", new Locator.LocatorOptions().setHasText(Pattern.compile("^" + literal(term) + "$")))
                .locator("xpath=following-sibling::dd[1]");
    }

    /** {@code /my/deals}. */
    record MyDeals(Page page) {

        MyDeals {
            assertThat(page.getByRole(AriaRole.HEADING, named("Giao dịch của tôi"))).isVisible();
        }

        Locator needsMe() {
            return page.getByRole(AriaRole.REGION, named("Việc cần làm ngay"));
        }
    }

    /** The deals section of a listing's page. */
    record ListingDeals(Page page) {

        Locator section() {
            return page.getByRole(AriaRole.REGION, named("Giao dịch cho công nghệ này"));
        }

        void offer(String option) {
            section().getByRole(AriaRole.LINK, namedIn("Chào giá: " + option)).click();
        }

        void schedule(String format) {
            section().getByRole(AriaRole.LINK, namedIn(format)).click();
        }

        void open(Pattern deal) {
            section().getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(deal)).click();
        }
    }

    /** A form of the deal pages (an offer, a counter-offer, an auction's schedule): fields by their labels. */
    record Form(Page page) {

        Form field(String label, String value) {
            page.getByLabel(label, new Page.GetByLabelOptions().setExact(true)).fill(value);
            return this;
        }

        Form choose(String label, String option) {
            page.getByLabel(label, new Page.GetByLabelOptions().setExact(true)).selectOption(new SelectOption().setLabel(option));
            return this;
        }

        String value(String label) {
            return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true)).inputValue();
        }

        void press(String button) {
            page.getByRole(AriaRole.BUTTON, named(button)).click();
        }
    }

    /** The page a binding action passes through once. */
    record Confirm(Page page) {

        Confirm(Page page, String heading) {
            this(page);
            assertThat(page.getByRole(AriaRole.HEADING, named(heading))).isVisible();
        }

        Locator what() {
            return page.getByRole(AriaRole.REGION, named("Điều bạn cam kết"));
        }

        void confirm(String button) {
            page.getByRole(AriaRole.BUTTON, named(button)).click();
        }
    }

    /** {@code /negotiations/{id}}. */
    record Negotiation(Page page) {

        Negotiation {
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Đàm phán").setLevel(1))).isVisible();
        }

        Locator state() {
            return page.getByRole(AriaRole.REGION, named("Tình trạng"));
        }

        Locator history() {
            return page.getByRole(AriaRole.TABLE);
        }

        /** The term sheet's row of {@code term}: its cells, round by round. */
        Locator row(String term) {
            return history().getByRole(AriaRole.ROW).filter(new Locator.FilterOptions()
                    .setHas(page.getByRole(AriaRole.ROWHEADER, named(term))));
        }

        /** The cells of {@code term} highlighted as changed from the round before. */
        Locator changed(String term) {
            return row(term).locator("mark");
        }

        Form counter() {
            return new Form(page);
        }
    }

    /** {@code /auctions/{id}}: an English auction's live board. */
    record Auction(Page page) {

        Auction {
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Đấu giá công khai").setLevel(1))).isVisible();
        }

        Locator board() {
            return page.getByRole(AriaRole.REGION, named("Bảng giá trực tiếp"));
        }

        /** Live, stale or reconnecting, as the board says. */
        Locator connection() {
            return board().getByRole(AriaRole.STATUS);
        }

        Locator price() {
            return value(board(), "Giá hiện tại").locator("strong");
        }

        Locator bids() {
            return value(board(), "Lượt đặt giá");
        }

        Locator endsAt() {
            return value(board(), "Kết thúc lúc");
        }

        Locator phase() {
            return value(board(), "Giai đoạn");
        }

        /** "You are winning", "you were outbid"... */
        Locator you() {
            return board().getByText(Pattern.compile("^Bạn (đang dẫn đầu|đã bị trả giá cao hơn|đã thắng|không thắng)$"));
        }

        Locator bidField() {
            return page.getByLabel("Giá bạn đặt (VND)", new Page.GetByLabelOptions().setExact(true));
        }

        void reviewBid(String amount) {
            if (amount != null) {
                bidField().fill(amount);
            }
            page.getByRole(AriaRole.BUTTON, named("Xem lại giá đặt")).click();
        }
    }

    /** {@code /sealed-bid-auctions/{id}}. */
    record SealedBid(Page page) {

        SealedBid {
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Đấu giá kín").setLevel(1))).isVisible();
        }

        Locator section(String heading) {
            return page.getByRole(AriaRole.REGION, named(heading));
        }

        void seal(String amount) {
            page.getByLabel("Giá bạn đặt (VND)", new Page.GetByLabelOptions().setExact(true)).fill(amount);
            page.getByRole(AriaRole.BUTTON, named("Niêm phong giá")).click();
        }

        Path saveSecret(Path folder) {
            Download download = page.waitForDownload(() -> page.getByRole(AriaRole.LINK, named("Lưu mã bí mật thành tệp")).click());
            Path file = folder.resolve(download.suggestedFilename());
            download.saveAs(file);
            return file;
        }
    }

    /** {@code /contracts/{id}}. */
    record Contract(Page page) {

        Contract {
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                    .setName(Pattern.compile("^Hợp đồng, phiên bản \\d+$")).setLevel(1))).isVisible();
        }

        Locator section(String heading) {
            return page.getByRole(AriaRole.REGION, named(heading));
        }

        Locator legalPath() {
            return section("Lộ trình pháp lý");
        }

        Locator signatures() {
            return section("Ai đã ký phiên bản nào");
        }

        Locator status() {
            return page.locator("p.status .badge");
        }

        /** Makes a signing key in this browser if it has none, then signs the version on the page. */
        void sign(int version) {
            Locator create = page.getByRole(AriaRole.BUTTON, named("Tạo và đăng ký khóa ký của tôi"));
            Locator review = page.getByRole(AriaRole.BUTTON, named("Ký phiên bản " + version + "…"));
            assertThat(create.or(review)).isVisible();
            if (create.isVisible()) {
                create.click();
                assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions()
                        .setHasText("Đã đăng ký khóa ký"))).isVisible();
            }
            review.click();
            assertThat(page.getByRole(AriaRole.HEADING, named("Kiểm tra trước khi ký"))).isVisible();
            page.getByRole(AriaRole.BUTTON, named("Ký ngay")).click();
            assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions()
                    .setHasText("Bạn đã ký phiên bản " + version))).isVisible();
        }
    }

    /** {@code /my/contracts}. */
    record MyContracts(Page page) {

        MyContracts {
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Hợp đồng").setLevel(1))).isVisible();
        }

        Locator needsMe() {
            return page.getByRole(AriaRole.REGION, named("Việc cần làm ngay"));
        }
    }
}
