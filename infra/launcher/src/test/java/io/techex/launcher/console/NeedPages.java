package io.techex.launcher.console;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** The demand side's pages: what a firm and a university see and do there, by role and label, in Vietnamese. */
final class NeedPages {

    private NeedPages() {
    }

    private static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name).setExact(true);
    }

    private static Locator.GetByRoleOptions namedIn(String name) {
        return new Locator.GetByRoleOptions().setName(name).setExact(true);
    }

    /** {@code /needs}: the published needs. */
    record Needs(Page page) {

        Needs {
            assertThat(page.getByRole(AriaRole.HEADING, named("Nhu cầu công nghệ").setLevel(1))).isVisible();
        }

        void postNew() {
            page.getByRole(AriaRole.LINK, named("Đăng nhu cầu mới")).click();
        }

        void search(String words) {
            page.getByLabel("Từ khóa (tiếng Việt hoặc tiếng Anh)").fill(words);
            page.getByRole(AriaRole.BUTTON, named("Tìm")).click();
        }

        Locator result(String title) {
            return page.getByRole(AriaRole.REGION, named("Các nhu cầu đang mở")).getByRole(AriaRole.LINK, namedIn(title));
        }
    }

    /** {@code /needs/new} and {@code /needs/{id}/edit}. */
    record NeedForm(Page page) {

        NeedForm {
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(
                    java.util.regex.Pattern.compile("^(Đăng|Sửa) nhu cầu công nghệ$")))).isVisible();
        }

        NeedForm field(String label, String value) {
            page.getByLabel(label, new Page.GetByLabelOptions().setExact(true)).fill(value);
            return this;
        }

        NeedForm check(String label) {
            page.getByLabel(label, new Page.GetByLabelOptions().setExact(true)).check();
            return this;
        }

        void publish() {
            page.getByRole(AriaRole.BUTTON, named("Lưu và công bố")).click();
        }

        /** The message next to a field, as the form shows a service's refusal. */
        Locator errorAt(String label) {
            return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true))
                    .locator("xpath=ancestor::div[contains(@class,'field')][1]").locator("p.error");
        }
    }

    /** {@code /needs/{id}}. */
    record Need(Page page) {

        Locator heading(String title) {
            return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(title).setLevel(1));
        }

        Locator notice() {
            return page.locator("main p[role=status]");
        }

        Locator facts() {
            return page.locator("main dl.facts");
        }

        void propose(String listingTitle, String message) {
            page.getByLabel("Công nghệ đề xuất").selectOption(new SelectOption().setLabel(listingTitle));
            page.getByLabel("Lời nhắn cho doanh nghiệp").fill(message);
            page.getByRole(AriaRole.BUTTON, named("Lưu bản nháp đề xuất")).click();
        }

        void submitProposal() {
            page.getByRole(AriaRole.BUTTON, named("Gửi đề xuất cho doanh nghiệp")).click();
        }

        Locator ourProposals() {
            return page.getByRole(AriaRole.REGION, named("Đề xuất của tổ chức bạn"));
        }

        Locator proposals() {
            return page.getByRole(AriaRole.REGION, named("Đề xuất đã nhận"));
        }

        /** A proposal received, by the title of the listing it proposes. */
        Locator proposal(String listingTitle) {
            return proposals().getByRole(AriaRole.ARTICLE, namedIn(listingTitle));
        }

        Locator matches() {
            return page.getByRole(AriaRole.REGION, named("Công nghệ phù hợp nhất"));
        }

        Locator match(String listingTitle) {
            return matches().getByRole(AriaRole.ARTICLE, namedIn(listingTitle));
        }

        void shortlist(String listingTitle) {
            proposal(listingTitle).getByRole(AriaRole.BUTTON, namedIn("Đưa vào danh sách chọn")).click();
        }

        void askToNegotiate(String listingTitle) {
            proposal(listingTitle).getByRole(AriaRole.BUTTON, namedIn("Đề nghị đàm phán")).click();
        }

        void makeOffer(String listingTitle) {
            proposal(listingTitle).getByRole(AriaRole.LINK, namedIn("Chào giá trên trang công nghệ này")).click();
        }
    }
}
