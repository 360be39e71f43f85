package io.techex.launcher.console;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;

import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * A page object per page of the console (and the authorization server's login page): what a person sees and does
 * there, found by role and label as they would find it, in Vietnamese, the console's default language.
 */
final class ConsolePages {

    private ConsolePages() {
    }

    private static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name).setExact(true);
    }

    private static Locator.GetByRoleOptions namedIn(String name) {
        return new Locator.GetByRoleOptions().setName(name).setExact(true);
    }

    /** The authorization server's login page. */
    record SignIn(Page page) {

        SignIn {
            assertThat(page.getByRole(AriaRole.HEADING, named("Đăng nhập vào TechEx"))).isVisible();
        }

        void as(String person) {
            page.getByLabel("Tên đăng nhập").fill(person);
            page.getByLabel("Mật khẩu").fill("demo");
            // by keyboard, as many people sign in
            page.getByLabel("Mật khẩu").press("Enter");
        }
    }

    /** The site's frame: navigation, language, who is signed in. */
    record Frame(Page page) {

        void signIn() {
            page.getByRole(AriaRole.LINK, named("Đăng nhập")).click();
        }

        void signOut() {
            page.getByRole(AriaRole.BUTTON, named("Đăng xuất")).click();
        }

        void switchToEnglish() {
            page.getByRole(AriaRole.LINK, named("English")).click();
        }

        Locator notice() {
            return page.getByRole(AriaRole.STATUS);
        }

        Locator problem() {
            return page.getByRole(AriaRole.ALERT);
        }
    }

    /** {@code /}: the catalogue. */
    record Catalogue(Page page) {

        Catalogue {
            assertThat(page.getByRole(AriaRole.HEADING, named("Tìm công nghệ"))).isVisible();
        }

        /** Types as a person would; htmx brings the results while they type, the button without JavaScript. */
        void search(String words) {
            page.getByLabel("Từ khóa (tiếng Việt hoặc tiếng Anh)").pressSequentially(words, new Locator.PressSequentiallyOptions().setDelay(20));
        }

        Locator results() {
            return page.getByRole(AriaRole.REGION, named("Kết quả tìm kiếm"));
        }

        Locator result(String title) {
            return results().getByRole(AriaRole.LINK, namedIn(title));
        }

        Locator needsMe() {
            return page.getByRole(AriaRole.REGION, named("Việc cần làm ngay"));
        }
    }

    /** {@code /my/technologies}. */
    record MyTechnologies(Page page) {

        MyTechnologies {
            assertThat(page.getByRole(AriaRole.HEADING, named("Công nghệ của tôi"))).isVisible();
        }

        Locator needsMe() {
            return page.getByRole(AriaRole.REGION, named("Việc cần làm ngay"));
        }

        void listNew() {
            page.getByRole(AriaRole.LINK, named("Đăng công nghệ mới")).click();
        }
    }

    /** {@code /my/technologies/new} and {@code /my/technologies/{id}/edit}. */
    record ListingForm(Page page) {

        ListingForm {
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                    .setName(Pattern.compile("Đăng công nghệ mới|Sửa công nghệ|List a new technology")))).isVisible();
        }

        ListingForm field(String label, String value) {
            page.getByLabel(label, new Page.GetByLabelOptions().setExact(true)).fill(value);
            return this;
        }

        ListingForm check(String label) {
            page.getByLabel(label, new Page.GetByLabelOptions().setExact(true)).check();
            return this;
        }

        ListingForm choose(String label, String option) {
            page.getByLabel(label, new Page.GetByLabelOptions().setExact(true)).selectOption(
                    new com.microsoft.playwright.options.SelectOption().setLabel(option));
            return this;
        }

        String value(String label) {
            return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true)).inputValue();
        }

        void save(String button) {
            page.getByRole(AriaRole.BUTTON, named(button)).click();
        }
    }

    /** {@code /technologies/{id}}. */
    record ListingPage(Page page) {

        Locator heading(String title) {
            return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(title).setLevel(1));
        }

        Locator status() {
            return page.locator("p.status .badge");
        }

        Locator section(String heading) {
            return page.getByRole(AriaRole.REGION, named(heading));
        }

        void upload(String name, String mediaType, byte[] content, String visibility) {
            page.getByLabel("Tệp (tối đa 10 MB)").setInputFiles(new FilePayload(name, mediaType, content));
            page.getByLabel(visibility).check();
            page.getByRole(AriaRole.BUTTON, named("Tải lên")).click();
        }

        void press(String button) {
            page.getByRole(AriaRole.BUTTON, named(button)).click();
        }

        Locator document(String name) {
            return section("Tài liệu").getByRole(AriaRole.LINK, namedIn(name));
        }

        byte[] download(String name) throws IOException {
            Download download = page.waitForDownload(() -> document(name).click());
            return Files.readAllBytes(download.path());
        }
    }

    /** {@code /technologies/{id}/publish}: what goes public, once, before it does. */
    record Publish(Page page) {

        Publish {
            assertThat(page.getByRole(AriaRole.HEADING, named("Kiểm tra trước khi công bố"))).isVisible();
        }

        void publish(String saleMode) {
            page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName(Pattern.compile(saleMode))).check();
            page.getByRole(AriaRole.BUTTON, named("Công bố trên sàn")).click();
        }
    }

    /** {@code /verification}: the operator's queue. */
    record Verification(Page page) {

        Verification {
            assertThat(page.getByRole(AriaRole.HEADING, named("Hàng đợi thẩm định quyền sở hữu"))).isVisible();
        }

        Locator queued(String title) {
            return page.getByRole(AriaRole.TABLE).getByRole(AriaRole.LINK, namedIn(title));
        }
    }

    /** {@code /my/requests}: NDA requests and enquiries of the person's organisation. */
    record Requests(Page page) {

        Requests {
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                    .setName("Yêu cầu NDA và câu hỏi").setLevel(1))).isVisible();
        }

        void acceptNdaOf(String firm) {
            page.getByRole(AriaRole.BUTTON, named("Chấp nhận NDA của " + firm)).click();
        }
    }

    /** The header's link to the reader's notifications, with how many are unread beside it once htmx brought it. */
    record NotificationsLink(Page page) {

        Locator link() {
            return page.getByRole(AriaRole.NAVIGATION, named("Điều hướng chính"))
                    .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(Pattern.compile("^Thông báo")));
        }

        /** "Thông báo, 3 chưa đọc" names the link when three are unread; "Thông báo" alone when none are. */
        Locator unreadCount() {
            return link().locator("[aria-hidden=true]");
        }
    }

    /** {@code /my/notifications}: the reader's feed, newest first. */
    record MyNotifications(Page page) {

        MyNotifications {
            assertThat(page.getByRole(AriaRole.HEADING, named("Thông báo của tôi").setLevel(1))).isVisible();
        }

        /** The notification whose subject (its heading) is {@code subject}. */
        Locator item(String subject) {
            return page.getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions().setHas(page.getByRole(
                    AriaRole.HEADING, new Page.GetByRoleOptions().setName(Pattern.compile(DealPages.literal(subject) + "$")))));
        }

        void markRead(String subject) {
            item(subject).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Đánh dấu đã đọc")).click();
        }

        void open(String subject) {
            item(subject).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(subject)).click();
        }
    }
}
