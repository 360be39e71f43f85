package io.techex.launcher.console;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.techex.launcher.console.ConsolePages.Catalogue;
import io.techex.launcher.console.ConsolePages.Frame;
import io.techex.launcher.console.ConsolePages.ListingForm;
import io.techex.launcher.console.ConsolePages.ListingPage;
import io.techex.launcher.console.ConsolePages.MyTechnologies;
import io.techex.launcher.console.ConsolePages.Publish;
import io.techex.launcher.console.ConsolePages.Requests;
import io.techex.launcher.console.ConsolePages.SignIn;
import io.techex.launcher.console.ConsolePages.Verification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's first story in a real browser, against the real services, database, broker and authorization server:
 * a university lists a technology with a confidential ownership document, the operator verifies it, the university
 * publishes it, a firm finds it typing without diacritics, asks for an NDA, the university accepts, and the firm reads
 * the confidential document. Each person has a browser of their own; each step checks what the page shows, every page
 * passes axe-core and is saved as a screenshot.
 */
@OnBrowserExchange
class ConsoleScenarioBrowserTest {

    @Test
    void aUniversityListsATechnologyTheOperatorVerifiesItAndAFirmReadsItsConfidentialDocumentUnderAnNda(
            BrowserExchange exchange) throws Exception {
        String code = UUID.randomUUID().toString().substring(0, 6);
        String title = "Phương pháp điều trị nước thải dệt nhuộm bằng vật liệu nano " + code;
        byte[] deed = ("Văn bản chuyển giao quyền của các tác giả sáng chế 1-00" + code).getBytes(StandardCharsets.UTF_8);

        // ---- the university signs in and lands on what needs it
        Page university = exchange.newPerson();
        university.navigate(exchange.url("/"));
        Frame universityFrame = new Frame(university);
        universityFrame.signIn();
        look(university, "01-sign-in");
        new SignIn(university).as("lan.nguyen");
        MyTechnologies mine = new MyTechnologies(university);
        assertThat(mine.needsMe()).isVisible();
        look(university, "02-my-technologies");

        // ---- drafts a listing with the guided form
        mine.listNew();
        ListingForm form = new ListingForm(university);
        form.field("Tên công nghệ (tiếng Việt)", title)
                .field("Tên công nghệ (tiếng Anh, không bắt buộc)", "Textile-dye wastewater treatment with nanomaterials " + code)
                .field("Tóm tắt (tiếng Việt)", "Giảm 90% độ màu nước thải dệt nhuộm, đã thử nghiệm ở quy mô pilot.")
                .field("Mức sẵn sàng công nghệ (TRL, 1–9)", "6")
                .field("Phân loại IPC", "C02F 1/28")
                .field("Từ khóa", "nước thải, dệt nhuộm, nano")
                .field("Số văn bằng / số đơn", "1-00" + code)
                .field("Mã loại (B1…)", "B1")
                .field("Ngày nộp đơn", "2019-03-14")
                .field("Ngày cấp", "2021-06-01")
                .field("Ngày hết hạn", "2039-03-14")
                .check("Li-xăng không độc quyền")
                .field("Lãnh thổ cho Li-xăng không độc quyền (mã nước, ví dụ VN)", "VN")
                .check("Chuyển nhượng quyền sở hữu")
                .field("Số tiền", "1.500.000.000")
                .choose("Danh mục theo Luật Chuyển giao công nghệ 2017", "Khuyến khích chuyển giao")
                .check("Công nghệ tạo ra từ nhiệm vụ sử dụng ngân sách nhà nước");
        assertThat(form.value("Mã tổ chức của chủ sở hữu 1")).isEqualTo("hust");
        look(university, "03-draft-form");
        form.save("Lưu bản nháp");

        ListingPage draft = new ListingPage(university);
        assertThat(draft.heading(title)).isVisible();
        assertThat(universityFrame.notice()).hasText(Pattern.compile("Đã lưu bản nháp"));
        assertThat(draft.status()).hasText("Bản nháp");
        assertThat(draft.section("Thông tin chính")).containsText("1.500.000.000 ₫");
        assertThat(draft.section("Thông tin chính")).containsText("một tỷ năm trăm triệu đồng");
        assertThat(draft.section("Văn bằng bảo hộ")).containsText("VN 1-00" + code + " B1");
        assertThat(draft.section("Văn bằng bảo hộ")).containsText("Đại học Bách khoa Hà Nội — 100 %");
        String listingPath = university.url().replaceAll("^https?://[^/]+", "").replaceAll("\\?.*$", "");

        // ---- uploads its ownership evidence (confidential) and a datasheet (public), and submits
        draft.upload("chuyen-giao-quyen-" + code + ".pdf", "application/pdf", deed, "Mật (sau NDA)");
        assertThat(universityFrame.notice()).hasText("Đã tải lên tài liệu.");
        draft.upload("gioi-thieu-cong-nghe.txt", "text/plain", "Vật liệu nano hấp phụ thuốc nhuộm".getBytes(StandardCharsets.UTF_8), "Công khai");
        assertThat(draft.document("chuyen-giao-quyen-" + code + ".pdf")).isVisible();
        draft.press("Gửi thẩm định");
        assertThat(universityFrame.notice()).hasText(Pattern.compile("Đã gửi thẩm định"));
        assertThat(draft.status()).hasText("Chờ thẩm định");
        look(university, "04-listing-submitted");

        // ---- the operator, in a browser of their own, opens the queue and verifies the ownership
        Page operator = exchange.newPerson();
        operator.navigate(exchange.url("/verification"));
        new SignIn(operator).as("an.do");
        Verification queue = new Verification(operator);
        assertThat(queue.queued(title)).isVisible();
        look(operator, "05-verification-queue");
        queue.queued(title).click();
        ListingPage check = new ListingPage(operator);
        assertThat(check.section("Thẩm định quyền sở hữu")).isVisible();
        assertThat(check.document("chuyen-giao-quyen-" + code + ".pdf")).isVisible();
        assertThat(check.download("chuyen-giao-quyen-" + code + ".pdf")).isEqualTo(deed);
        look(operator, "06-verification-listing");
        check.press("Xác nhận quyền sở hữu");
        new Verification(operator);
        assertThat(new Frame(operator).notice()).hasText("Đã xác nhận quyền sở hữu.");

        // ---- the university sees it is verified, checks what goes public, and publishes
        university.navigate(exchange.url("/my/technologies"));
        mine = new MyTechnologies(university);
        assertThat(mine.needsMe()).containsText("Đã xác nhận quyền sở hữu: “" + title + "”");
        mine.needsMe().getByRole(AriaRole.LINK).filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(title)).click();
        Publish publish = new Publish(university);
        assertThat(university.locator("dl.confirm")).containsText("1.500.000.000 ₫");
        assertThat(university.locator("dl.confirm")).containsText("một tỷ năm trăm triệu đồng");
        look(university, "07-publish-confirmation");
        publish.publish("Đàm phán");
        assertThat(universityFrame.notice()).hasText("Đã công bố công nghệ trên sàn.");
        assertThat(draft.status()).hasText("Đang chào bán");

        // ---- a firm signs in, searches without diacritics and opens it
        Page firm = exchange.newPerson();
        firm.navigate(exchange.url("/"));
        Frame firmFrame = new Frame(firm);
        firmFrame.signIn();
        new SignIn(firm).as("thu.vo");
        Catalogue catalogue = new Catalogue(firm);
        assertThat(catalogue.needsMe()).isVisible();
        catalogue.search("dieu tri nuoc thai");
        assertThat(catalogue.result(title)).isVisible();
        assertThat(firm).hasURL(Pattern.compile("q=dieu"));
        look(firm, "08-catalogue-search");
        catalogue.result(title).click();
        ListingPage listing = new ListingPage(firm);
        assertThat(listing.heading(title)).isVisible();
        assertThat(listing.section("Văn bằng bảo hộ")).containsText("Đại học Bách khoa Hà Nội — 100 %");
        assertThat(listing.section("Hình thức chuyển giao")).containsText("Li-xăng không độc quyền");
        assertThat(listing.section("Hình thức chuyển giao")).containsText("lãnh thổ: VN");
        assertThat(listing.document("gioi-thieu-cong-nghe.txt")).isVisible();
        assertThat(listing.document("chuyen-giao-quyen-" + code + ".pdf")).hasCount(0);
        look(firm, "09-listing-firm");
        // the same page on a phone: one column, nothing cut off, still accessible
        firm.setViewportSize(390, 844);
        assertThat(listing.heading(title)).isInViewport();
        look(firm, "09b-listing-phone");
        firm.setViewportSize(1280, 900);

        // ---- asks for an NDA, by keyboard
        firm.getByLabel("Mục đích đánh giá (không bắt buộc)").fill("Đánh giá cho nhà máy dệt ở Nam Định");
        firm.keyboard().press("Tab");
        assertThat(firm.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Yêu cầu ký NDA"))).isFocused();
        firm.keyboard().press("Enter");
        assertThat(firmFrame.notice()).hasText(Pattern.compile("Đã gửi yêu cầu ký NDA"));
        assertThat(listing.section("Quan tâm đến công nghệ này?")).containsText("đang chờ bên bán trả lời");

        // ---- the university accepts it
        university.navigate(exchange.url("/my/requests"));
        Requests requests = new Requests(university);
        assertThat(university.getByRole(AriaRole.MAIN)).containsText("Đánh giá cho nhà máy dệt ở Nam Định");
        look(university, "10-requests-seller");
        requests.acceptNdaOf("mekong-biotech");
        assertThat(universityFrame.notice()).hasText(Pattern.compile("Đã chấp nhận NDA"));

        // ---- the firm reads the confidential document
        firm.navigate(exchange.url(listingPath));
        listing = new ListingPage(firm);
        assertThat(listing.section("Quan tâm đến công nghệ này?")).containsText("NDA đã được chấp nhận");
        assertThat(listing.document("chuyen-giao-quyen-" + code + ".pdf")).isVisible();
        look(firm, "11-listing-after-nda");
        assertThat(listing.download("chuyen-giao-quyen-" + code + ".pdf")).isEqualTo(deed);

        // ---- signing out ends both sessions: the next page that needs a person asks for the password again
        firmFrame.signOut();
        assertThat(firm.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Đăng nhập").setExact(true))).isVisible();
        firm.navigate(exchange.url("/my/requests"));
        new SignIn(firm);
    }

    /** Every page of the scenario: accessible (axe-core), and saved for people to look at. */
    private static void look(Page page, String name) {
        Axe.check(page, name);
        Screenshots.take(page, name);
    }
}
