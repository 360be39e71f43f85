package io.techex.launcher.console;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;

import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Page objects of the regulator's pages, found by role and label as an official would find them, in Vietnamese. Apart
 * from {@link ConsolePages} so that the regulator's pages and the deal pages grow side by side.
 */
final class RegulatorPages {

    private RegulatorPages() {
    }

    private static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name).setExact(true);
    }

    /** {@code /regulator/decisions}: permits and registrations awaited, overdue first. */
    record Decisions(Page page) {

        Decisions {
            assertThat(page.getByRole(AriaRole.HEADING, named("Quyết định cần xử lý"))).isVisible();
        }

        Locator row(String title) {
            return page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(title));
        }

        void open(String title) {
            row(title).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(title)).click();
        }
    }

    /** {@code /regulator/contracts/{id}}: the contract, and the decision form while one is awaited. */
    record ContractPage(Page page) {

        Locator heading(String title) {
            return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(title).setLevel(1));
        }

        Locator section(String heading) {
            return page.getByRole(AriaRole.REGION, named(heading));
        }

        Locator status() {
            return page.locator("p.status .badge").first();
        }

        void register(String number) {
            page.getByLabel("Đăng ký, kèm số đăng ký").check();
            page.getByLabel("Số đăng ký", new Page.GetByLabelOptions().setExact(true)).fill(number);
            page.getByRole(AriaRole.BUTTON, named("Xem lại trước khi ghi nhận")).click();
        }

        void openTimeline() {
            page.getByRole(AriaRole.LINK, named("Dòng thời gian của tài sản")).click();
        }
    }

    /** What a decision will record, confirmed once. */
    record DecisionReview(Page page) {

        DecisionReview {
            assertThat(page.getByRole(AriaRole.HEADING, named("Kiểm tra trước khi ghi nhận quyết định"))).isVisible();
        }

        Locator recorded() {
            return page.locator("dl.confirm");
        }

        void confirm(String button) {
            page.getByRole(AriaRole.BUTTON, named(button)).click();
        }
    }

    /** {@code /regulator/assets/{id}}: the asset's time line, with its filters. */
    record Timeline(Page page) {

        Timeline {
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(Pattern.compile("^Dòng thời gian:"))
                    .setLevel(1))).isVisible();
        }

        Locator events() {
            return page.locator("ol.timeline > li");
        }

        Locator event(String name) {
            return events().filter(new Locator.FilterOptions().setHas(page.getByRole(AriaRole.HEADING, named(name))));
        }

        void byParty(String organisation) {
            page.getByLabel("Tổ chức thực hiện").selectOption(new SelectOption().setLabel(organisation));
            apply();
        }

        void asOf(String localDateTime) {
            page.getByLabel("Xem như tại thời điểm").fill(localDateTime);
            apply();
        }

        void clear() {
            page.getByRole(AriaRole.LINK, named("Bỏ lọc")).click();
        }

        void apply() {
            page.getByRole(AriaRole.BUTTON, named("Áp dụng")).click();
        }

        void verify() {
            page.getByRole(AriaRole.LINK, named("Kiểm chứng nhật ký trong trình duyệt")).click();
        }
    }

    /** {@code /regulator/assets/{id}/verify}: the browser's own verification, and the files for the offline one. */
    record Verify(Page page) {

        Verify {
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                    .setName(Pattern.compile("^Kiểm chứng trong trình duyệt")).setLevel(1))).isVisible();
        }

        void trustTheLogsKey() {
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Tin cậy khóa "))).first().click();
            assertThat(page.getByText("Đã tin cậy trong trình duyệt này").first()).isVisible();
        }

        void verifyNow() {
            page.getByRole(AriaRole.BUTTON, named("Kiểm chứng ngay")).click();
        }

        Locator outcome() {
            return page.locator("#verify-status");
        }

        Locator results() {
            return page.getByRole(AriaRole.TABLE, named("Kết quả từng mục"));
        }

        Locator failedRows() {
            return results().locator("tbody tr.failed");
        }

        byte[] download(String link) throws IOException {
            Download download = page.waitForDownload(() -> page.getByRole(AriaRole.LINK, named(link)).click());
            return Files.readAllBytes(download.path());
        }
    }

    /** {@code /regulator/statistics}. */
    record Statistics(Page page) {

        Statistics {
            assertThat(page.getByRole(AriaRole.HEADING, named("Thống kê thị trường công nghệ"))).isVisible();
        }

        Locator table(String caption) {
            return page.getByRole(AriaRole.TABLE, named(caption));
        }

        Locator section(String heading) {
            return page.getByRole(AriaRole.REGION, named(heading));
        }

        byte[] downloadCsv(String section) throws IOException {
            Download download = page.waitForDownload(() -> section(section).getByRole(AriaRole.LINK,
                    new Locator.GetByRoleOptions().setName("Tải bảng này (CSV)")).click());
            return Files.readAllBytes(download.path());
        }
    }

    /** {@code /regulator/checks}. */
    record Checks(Page page) {

        Checks {
            assertThat(page.getByRole(AriaRole.HEADING, named("Kiểm tra tuân thủ").setLevel(1))).isVisible();
        }

        /** The finding about a listing or contract, by its id. */
        Locator finding(String subjectId) {
            return page.locator("ol.findings > li").filter(new Locator.FilterOptions().setHas(
                    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(subjectId))));
        }
    }
}
