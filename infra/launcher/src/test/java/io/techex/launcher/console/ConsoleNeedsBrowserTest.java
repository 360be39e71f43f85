package io.techex.launcher.console;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.techex.launcher.console.DealFixtures.PublishedListing;
import io.techex.launcher.console.NeedPages.Need;
import io.techex.launcher.console.NeedPages.NeedForm;
import io.techex.launcher.console.NeedPages.Needs;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.techex.launcher.console.DealPages.reloadUntilVisible;

/**
 * The demand side in the browser: a firm posts a need without its name, a university finds it and proposes its
 * listing, and the firm reads the proposal and the exchange's match with its reasons, shortlists it and asks to
 * negotiate, which leads to the listing's page where its offer is made.
 */
@OnBrowserExchange
class ConsoleNeedsBrowserTest {

    @Test
    void aFirmPostsANeedAUniversityProposesItsListingAndTheFirmAsksToNegotiate(BrowserExchange exchange) throws Exception {
        PublishedListing listing = DealFixtures.publishedListing(exchange.services(), "NEGOTIATION",
                "Màng lọc graphene khử màu nước thải dệt nhuộm", """
                        [{"dealType": "ASSIGNMENT"}]""");
        // the listing's code makes the need's title one of its own, whatever needs earlier runs left
        String needTitle = "Khử màu nước thải dệt nhuộm bằng màng lọc graphene "
                + listing.title().substring(listing.title().lastIndexOf(' ') + 1);

        // mekong-biotech posts its need from the navigation; publishing without IPC fields is refused at the field
        Page mekong = exchange.signedIn("thu.vo", "/my/deals");
        mekong.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions()
                .setName("Nhu cầu công nghệ").setExact(true)).click();
        new Needs(mekong).postNew();
        NeedForm form = new NeedForm(mekong)
                .field("Tên nhu cầu (tiếng Việt)", needTitle)
                .field("Mô tả bài toán (tiếng Việt)", "Cần khử màu và giảm COD cho 500 m³ nước thải dệt nhuộm mỗi ngày.")
                .field("TRL tối thiểu", "6")
                .field("Ngân sách tối đa (VND)", "2.000.000.000")
                .field("Hạn nhận đề xuất", LocalDate.ofInstant(exchange.clock().instant(), ZoneId.of("Asia/Ho_Chi_Minh"))
                        .plusDays(60).toString());
        form.check("Chuyển nhượng quyền sở hữu").check("Li-xăng không độc quyền");
        look(mekong, "50-need-form");
        form.publish();
        form = new NeedForm(mekong);
        assertThat(form.errorAt("Phân loại IPC")).hasText("Cần ít nhất một mã IPC như C02F hoặc C02F 1/28, mỗi mã một lần.");
        assertThat(mekong.getByLabel("Tên nhu cầu (tiếng Việt)")).hasValue(needTitle);
        look(mekong, "51-need-refused-at-the-field");
        form.field("Phân loại IPC", "C02F").publish();

        Need firmNeed = new Need(mekong);
        assertThat(firmNeed.heading(needTitle)).isVisible();
        assertThat(firmNeed.notice()).hasText("Đã công bố nhu cầu. Sàn đang tìm các công nghệ phù hợp.");
        assertThat(firmNeed.facts()).containsText("Tối đa 2.000.000.000 ₫");
        assertThat(firmNeed.facts()).containsText("Không công khai tên");

        // hust finds it among the needs, without the firm's name, and proposes its listing
        Page hust = exchange.signedIn("lan.nguyen", "/needs");
        Needs needs = new Needs(hust);
        needs.search("det nhuom graphene");
        reloadUntilVisible(hust, needs.result(needTitle));
        assertThat(hust.getByRole(AriaRole.MAIN)).not().containsText("mekong-biotech");
        look(hust, "52-needs-found");
        needs.result(needTitle).click();
        Need hustNeed = new Need(hust);
        assertThat(hustNeed.heading(needTitle)).isVisible();
        hustNeed.propose(listing.title(), "Đã thử ở quy mô pilot tại một nhà máy dệt ở Nam Định.");
        assertThat(hustNeed.notice()).containsText("Đã lưu bản nháp đề xuất");
        assertThat(hustNeed.ourProposals()).containsText("Bản nháp, chưa gửi");
        hustNeed.submitProposal();
        assertThat(hustNeed.notice()).hasText("Đã gửi đề xuất cho doanh nghiệp.");
        assertThat(hustNeed.ourProposals()).containsText("Đã gửi");
        assertThat(hust.getByRole(AriaRole.MAIN)).not().containsText("mekong-biotech");
        look(hust, "53-proposal-submitted");

        // mekong-biotech's list of needs says a proposal waits; it reads it and the exchange's match with its reasons
        mekong.navigate(exchange.url("/needs"));
        Locator ownNeed = mekong.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Nhu cầu của tổ chức bạn"))
                .getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions().setHasText(needTitle));
        reloadUntilVisible(mekong, ownNeed.getByText("1 đề xuất chờ bạn xem xét"));
        look(mekong, "54-needs-of-the-firm");
        ownNeed.getByRole(AriaRole.LINK).click();
        firmNeed = new Need(mekong);
        reloadUntilVisible(mekong, firmNeed.proposal(listing.title()));
        assertThat(firmNeed.proposal(listing.title())).containsText("Đã thử ở quy mô pilot");
        assertThat(firmNeed.proposal(listing.title())).containsText("hust");
        reloadUntilVisible(mekong, firmNeed.match(listing.title()));
        Locator match = firmNeed.match(listing.title());
        assertThat(match.getByRole(AriaRole.TABLE)).containsText("C02F matches C02F 1/44");
        assertThat(match.getByRole(AriaRole.ROWHEADER, new Locator.GetByRoleOptions().setName("Nội dung"))).isVisible();
        look(mekong, "55-need-proposal-and-match");

        firmNeed.shortlist(listing.title());
        assertThat(firmNeed.notice()).hasText("Đã đưa đề xuất vào danh sách chọn.");
        assertThat(firmNeed.proposal(listing.title())).containsText("Trong danh sách chọn");
        firmNeed.askToNegotiate(listing.title());
        assertThat(firmNeed.notice()).hasText("Đã đề nghị đàm phán. Hãy chào giá trên trang công nghệ.");
        assertThat(firmNeed.proposal(listing.title())).containsText("Doanh nghiệp đề nghị đàm phán");
        look(mekong, "56-negotiation-requested");
        firmNeed.makeOffer(listing.title());
        assertThat(mekong.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(listing.title()).setLevel(1)))
                .isVisible();

        // hust learns that the firm wants to negotiate
        hust.reload();
        assertThat(new Need(hust).ourProposals()).containsText("Doanh nghiệp đề nghị đàm phán");
        look(hust, "57-proposal-negotiation-requested");
    }

    // ------------------------------------------------------------------ plumbing

    private static void look(Page page, String name) {
        Axe.check(page, name);
        Screenshots.take(page, name);
    }
}
