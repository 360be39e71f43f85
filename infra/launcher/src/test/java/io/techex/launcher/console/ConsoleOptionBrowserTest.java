package io.techex.launcher.console;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.techex.launcher.console.DealFixtures.PublishedListing;
import io.techex.launcher.console.DealPages.Confirm;
import io.techex.launcher.console.DealPages.Contract;
import io.techex.launcher.console.DealPages.Form;
import io.techex.launcher.console.DealPages.ListingDeals;
import io.techex.launcher.console.DealPages.MyContracts;
import io.techex.launcher.console.DealPages.Negotiation;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.techex.launcher.console.DealPages.doneNotice;
import static io.techex.launcher.console.DealPages.reloadUntilVisible;

/**
 * An option in the console, without curl: the firm offers an option with the licence it fixes, the university
 * accepts, both sign, and the firm exercises the option and finds the licence contract drawn up on those terms.
 */
@OnBrowserExchange
class ConsoleOptionBrowserTest {

    private static final String LICENCE_ROW = "Li-xăng khi thực hiện quyền chọn: ";

    @Test
    void aFirmOffersAnOptionWithItsLicenceBothSignAndTheFirmExercisesItIntoTheLicenceContractOnThoseTerms(
            BrowserExchange exchange) throws Exception {
        PublishedListing listing = DealFixtures.publishedListing(exchange.services(), "NEGOTIATION",
                "Chế phẩm vi sinh xử lý nước thải dệt nhuộm", "[{\"dealType\": \"OPTION\", \"territory\": \"VN\"}]");

        // mekong-biotech asks for a six-month option and fixes the licence it may take; the licence's lump sum is
        // first mistyped as zero, which bidding-service refuses naming the licence's field
        Page mekong = exchange.signedIn("thu.vo", "/technologies/" + listing.listingId());
        new ListingDeals(mekong).offer("Quyền chọn nhận li-xăng · VN");
        Form offer = new Form(mekong);
        assertThat(mekong.getByRole(AriaRole.GROUP, DealPages.named("Li-xăng nhận khi thực hiện quyền chọn"))).isVisible();
        offer.field("Thời hạn quyền chọn (tháng)", "6")
                .field("Tiền trả gọn", "100.000.000")
                .choose("Loại li-xăng", "Li-xăng độc quyền")
                .field("Thời hạn của li-xăng khi thực hiện quyền (tháng)", "60")
                .field("Tiền trả gọn của li-xăng", "0")
                .field("Phí bản quyền của li-xăng (% doanh thu thuần)", "3,5");
        look(mekong, "70-option-offer-form");
        offer.press("Xem lại chào giá");
        new Confirm(mekong, "Kiểm tra chào giá").confirm("Gửi chào giá ràng buộc");
        Locator problems = mekong.locator("#form-problems");
        assertThat(problems.locator("a[href='#licenceLumpSum']")).hasText("Số tiền phải lớn hơn 0.");
        assertThat(mekong.getByLabel("Thời hạn của li-xăng khi thực hiện quyền (tháng)")).hasValue("60");
        look(mekong, "71-option-offer-refused-on-the-licence");

        offer.field("Tiền trả gọn của li-xăng", "800.000.000").press("Xem lại chào giá");
        Confirm confirm = new Confirm(mekong, "Kiểm tra chào giá");
        Locator licence = DealPages.value(confirm.what(), "Li-xăng khi thực hiện quyền chọn");
        assertThat(licence).containsText("Li-xăng độc quyền");
        assertThat(licence).containsText("60 tháng");
        assertThat(licence).containsText("800.000.000 ₫ — tám trăm triệu đồng");
        assertThat(licence).containsText("3,5 % doanh thu thuần");
        assertThat(DealPages.value(confirm.what(), "Tiền trả gọn")).containsText("100.000.000 ₫ — một trăm triệu đồng");
        look(mekong, "72-option-offer-confirm");
        confirm.confirm("Gửi chào giá ràng buộc");
        Negotiation thu = new Negotiation(mekong);
        assertThat(doneNotice(mekong)).containsText("Đã gửi chào giá (vòng 1)");
        assertThat(thu.row(LICENCE_ROW + "Tiền trả gọn").getByRole(AriaRole.CELL)).containsText(new String[]{"800.000.000 ₫ — tám trăm triệu đồng"});
        String negotiationPath = path(mekong);

        // hust reads the licence the option fixes on the term sheet and accepts
        Page university = exchange.signedIn("lan.nguyen", negotiationPath);
        Negotiation lan = new Negotiation(university);
        assertThat(lan.state()).containsText("Đến lượt bạn");
        assertThat(lan.row(LICENCE_ROW + "Hình thức").getByRole(AriaRole.CELL)).hasText(new String[]{"Li-xăng độc quyền"});
        assertThat(lan.row(LICENCE_ROW + "Thời hạn").getByRole(AriaRole.CELL)).hasText(new String[]{"60 tháng"});
        assertThat(lan.row(LICENCE_ROW + "Phí bản quyền theo doanh thu").getByRole(AriaRole.CELL)).hasText(new String[]{"3,5 %"});
        look(university, "73-option-negotiation");
        university.getByRole(AriaRole.BUTTON, DealPages.named("Chấp nhận chào giá…")).click();
        Confirm accept = new Confirm(university, "Chấp nhận các điều khoản này");
        assertThat(DealPages.value(accept.what(), "Li-xăng khi thực hiện quyền chọn")).containsText("800.000.000 ₫");
        accept.confirm("Chấp nhận và chốt giao dịch");
        assertThat(new Negotiation(university).state()).containsText("Đã thỏa thuận");

        // both sign the option's contract, whose document has the licence on exercise too
        mekong.navigate(exchange.url("/my/contracts"));
        Locator toSign = new MyContracts(mekong).needsMe().getByRole(AriaRole.LINK, new Locator.GetByRoleOptions()
                .setName(Pattern.compile("^Ký phiên bản 1 của hợp đồng cho “" + DealPages.literal(listing.title()))));
        reloadUntilVisible(mekong, toSign);
        toSign.click();
        Contract option = new Contract(mekong);
        String optionPath = path(mekong);
        Locator optionSection = option.section("Quyền chọn");
        assertThat(DealPages.value(optionSection, "Loại li-xăng")).hasText("Li-xăng độc quyền");
        assertThat(DealPages.value(optionSection, "Tiền trả gọn").locator("strong")).hasText("800.000.000 ₫");
        assertThat(mekong.getByRole(AriaRole.HEADING, DealPages.named("Licence on exercise"))).isVisible();
        assertThat(mekong.getByRole(AriaRole.BUTTON, DealPages.named("Thực hiện quyền chọn"))).hasCount(0);
        look(mekong, "74-option-contract-to-sign");

        // an amendment of the option's own terms keeps the licence it fixes
        mekong.getByRole(AriaRole.LINK, DealPages.named("Đề nghị sửa đổi")).click();
        new Form(mekong).field("Điều khoản áp dụng", "Luật Việt Nam; tranh chấp giải quyết tại VIAC.");
        mekong.getByRole(AriaRole.BUTTON, DealPages.named("Gửi đề nghị sửa đổi")).click();
        assertThat(doneNotice(mekong)).containsText("Đã đề nghị sửa đổi số 1");
        university.navigate(exchange.url(optionPath));
        university.getByRole(AriaRole.BUTTON, DealPages.named("Chấp nhận sửa đổi…")).click();
        new Confirm(university, "Chấp nhận sửa đổi").confirm("Chấp nhận sửa đổi");
        assertThat(doneNotice(university)).containsText("hợp đồng nay là phiên bản 2");
        Contract lansOption = new Contract(university);
        assertThat(DealPages.value(lansOption.section("Quyền chọn"), "Tiền trả gọn").locator("strong")).hasText("800.000.000 ₫");
        lansOption.sign(2);
        mekong.navigate(exchange.url(optionPath));
        option = new Contract(mekong);
        assertThat(mekong.getByRole(AriaRole.HEADING, DealPages.named("Licence on exercise"))).isVisible();
        option.sign(2);

        // in force, the holder sees until when it may exercise it, and does
        mekong.navigate(exchange.url(optionPath));
        Locator exercise = mekong.getByRole(AriaRole.BUTTON, DealPages.named("Thực hiện quyền chọn"));
        reloadUntilVisible(mekong, exercise);
        option = new Contract(mekong);
        assertThat(option.status()).hasText("Có hiệu lực");
        assertThat(option.section("Quyền chọn")).containsText(Pattern.compile("Có thể thực hiện quyền chọn đến hết ngày \\d"));
        look(mekong, "75-option-in-force");
        // the grantor reads the same option but cannot exercise it
        university.reload();
        assertThat(new Contract(university).section("Quyền chọn")).containsText("Có thể thực hiện quyền chọn đến hết ngày");
        assertThat(university.getByRole(AriaRole.BUTTON, DealPages.named("Thực hiện quyền chọn"))).hasCount(0);
        exercise.click();
        Confirm exerciseConfirm = new Confirm(mekong, "Thực hiện quyền chọn");
        assertThat(DealPages.value(exerciseConfirm.what(), "Loại li-xăng")).hasText("Li-xăng độc quyền");
        assertThat(DealPages.value(exerciseConfirm.what(), "Thời hạn")).hasText("60 tháng");
        assertThat(DealPages.value(exerciseConfirm.what(), "Tiền trả gọn")).containsText("800.000.000 ₫ — tám trăm triệu đồng");
        look(mekong, "76-option-exercise-confirm");
        exerciseConfirm.confirm("Thực hiện quyền chọn");
        assertThat(doneNotice(mekong)).containsText("Bạn đã thực hiện quyền chọn lúc");
        option = new Contract(mekong);
        assertThat(option.status()).hasText("Đã thực hiện quyền chọn");
        assertThat(option.section("Quyền chọn")).containsText("Quyền chọn này đã được thực hiện.");
        assertThat(option.section("Quyền chọn")).containsText("Thời hạn quyền chọn: đến hết ngày");
        assertThat(option.legalPath()).containsText("Quyền chọn đã được thực hiện");
        assertThat(exercise).hasCount(0);
        look(mekong, "77-option-exercised");

        // the licence contract drawn up on the pre-agreed terms, for both to sign
        mekong.getByRole(AriaRole.LINK, DealPages.named("Mở hợp đồng li-xăng được soạn khi thực hiện quyền chọn")).click();
        Contract licenceContract = new Contract(mekong);
        assertThat(licenceContract.status()).hasText("Đang soạn thảo");
        Locator facts = mekong.locator("main > dl.facts");
        assertThat(DealPages.value(facts, "Hình thức")).hasText("Li-xăng độc quyền");
        assertThat(DealPages.value(facts, "Tiền trả gọn")).containsText("800.000.000 ₫");
        assertThat(mekong.getByRole(AriaRole.LINK, DealPages.named("Li-xăng này được soạn do thực hiện một quyền chọn: mở quyền chọn")))
                .hasAttribute("href", optionPath);
        assertThat(mekong.locator("main")).containsText(Pattern.compile("Royalty: 3\\.50*% of net sales"));
        look(mekong, "78-licence-from-option");
    }

    private static String path(Page page) {
        return page.url().replaceAll("^https?://[^/]+", "").replaceAll("[?#].*$", "");
    }

    private static void look(Page page, String name) {
        Axe.check(page, name);
        Screenshots.take(page, name);
    }
}
