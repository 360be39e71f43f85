package io.techex.launcher.console;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import io.techex.launcher.console.ConsolePages.Frame;
import io.techex.launcher.console.ConsolePages.ListingForm;
import io.techex.launcher.console.ConsolePages.ListingPage;
import io.techex.launcher.console.ConsolePages.SignIn;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** Errors as a person meets them in the console, in a real browser against the real services. */
@OnBrowserExchange
class ConsoleErrorsBrowserTest {

    /** The service's problem+json, field by field, in the reader's language (here English), with what was typed. */
    @Test
    void aDraftWithBadFieldsShowsTheServicesMessagesAtTheFieldsAndKeepsWhatWasTyped(BrowserExchange exchange) {
        Page university = signedIn(exchange, "quang.le", "/my/technologies/new");
        new Frame(university).switchToEnglish();
        String title = "Cảm biến sinh học đo độc tố " + UUID.randomUUID().toString().substring(0, 6);
        ListingForm form = new ListingForm(university);
        form.field("Title (Vietnamese)", title)
                .field("Summary (Vietnamese)", "Phát hiện độc tố vi nấm trong nông sản.")
                .field("Technology readiness level (TRL, 1–9)", "12")
                .field("Grant or application number", "1-0031337")
                .field("Filing date", "2020-01-10")
                .field("Expiry date", "2040-01-10")
                .field("Share (%) of owner 1", "70");
        form.save("Save the draft");

        // bean validation first: the TRL, named at its field, and everything typed still there
        assertThat(university.getByRole(AriaRole.ALERT)).containsText("The technology readiness level (TRL) is a number from 1 to 9.");
        assertThat(university.locator(".field.invalid")).containsText("The technology readiness level (TRL) is a number from 1 to 9.");
        assertThat(form.value("Title (Vietnamese)")).isEqualTo(title);
        assertThat(form.value("Share (%) of owner 1")).isEqualTo("70");
        Axe.check(university, "draft form with errors");
        Screenshots.take(university, "12-draft-form-errors");

        // then the listing's own rule: shares that do not add up, next to the owners
        form.field("Technology readiness level (TRL, 1–9)", "5");
        form.save("Save the draft");
        assertThat(university.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Owners").setExact(true)))
                .containsText("The owners' shares must add up to exactly 100 %");
        assertThat(form.value("Technology readiness level (TRL, 1–9)")).isEqualTo("5");
        assertThat(form.value("Grant or application number")).isEqualTo("1-0031337");
    }

    /** Another university's draft is the service's 404, and the console's "not found" page, not an error trace. */
    @Test
    void aFirmOpeningAnotherUniversitysDraftGetsANotFoundPage(BrowserExchange exchange) {
        Page university = signedIn(exchange, "quang.le", "/my/technologies/new");
        new ListingForm(university)
                .field("Tên công nghệ (tiếng Việt)", "Giống lúa chịu mặn " + UUID.randomUUID().toString().substring(0, 6))
                .field("Tóm tắt (tiếng Việt)", "Chịu mặn 4‰, năng suất 6 tấn/ha.")
                .choose("Loại tài sản", "Giống cây trồng")
                .field("Mức sẵn sàng công nghệ (TRL, 1–9)", "7")
                .field("Số văn bằng / số đơn", "")
                .save("Lưu bản nháp");
        ListingPage draft = new ListingPage(university);
        assertThat(draft.status()).hasText("Bản nháp");
        String draftPath = university.url().replaceAll("^https?://[^/]+", "").replaceAll("\\?.*$", "");

        Page firm = signedIn(exchange, "kenji.sato", "/");
        Response answer = firm.navigate(exchange.url(draftPath));
        assertThat(answer.status()).isEqualTo(404);
        assertThat(firm.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Không tìm thấy"))).isVisible();
        assertThat(firm.content()).doesNotContain("Exception").doesNotContain("Giống lúa chịu mặn");
        Axe.check(firm, "not found");
        Screenshots.take(firm, "13-not-found");
    }

    /** A lost session sends the person to sign in, and back to the page they wanted, a form's page included. */
    @Test
    void anExpiredSessionSendsThePersonToSignInAndBack(BrowserExchange exchange) {
        Page university = signedIn(exchange, "hoa.pham", "/my/technologies");
        // both sessions gone, as after a night away: the console's and the authorization server's
        university.context().clearCookies();
        university.navigate(exchange.url("/my/technologies/new"));
        new SignIn(university).as("hoa.pham");
        assertThat(university).hasURL(Pattern.compile("/my/technologies/new"));
        ListingForm form = new ListingForm(university);

        // a form sent after its session ended goes back to its page, through the sign-in
        form.field("Tên công nghệ (tiếng Việt)", "Máy sấy nông sản bằng năng lượng mặt trời");
        university.context().clearCookies();
        form.save("Lưu bản nháp");
        new SignIn(university).as("hoa.pham");
        assertThat(university).hasURL(Pattern.compile("/my/technologies/new"));
        new ListingForm(university);
    }

    private static Page signedIn(BrowserExchange exchange, String person, String path) {
        Page page = exchange.newPerson();
        page.navigate(exchange.url(path));
        if (page.url().startsWith(exchange.consoleUrl()) && path.equals("/")) {
            new Frame(page).signIn();
        }
        new SignIn(page).as(person);
        page.waitForURL(url -> url.startsWith(exchange.consoleUrl()));
        return page;
    }
}
