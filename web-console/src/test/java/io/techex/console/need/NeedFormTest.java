package io.techex.console.need;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NeedFormTest {

    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

    @Test
    void sendsWhatWasTypedAsTheServicesBody() {
        NeedForm form = new NeedForm();
        form.getTitle().setVi(" Xử lý nước thải dệt nhuộm ");
        form.getStatement().setVi("Cần giảm độ màu và COD.");
        form.setIpcClasses("C02F, C02F 1/28");
        form.setMinReadinessLevel("6");
        form.setDealTypes(List.of("NON_EXCLUSIVE_LICENCE", "ASSIGNMENT"));
        form.setTerritory("vn");
        form.setBudgetMax("2.000.000.000");
        form.setDeadline("2027-02-03");

        Map<String, Object> request = form.toRequest(VIETNAMESE);

        assertThat(request.get("title")).isEqualTo(Map.of("vi", "Xử lý nước thải dệt nhuộm"));
        assertThat(request.get("ipcClasses")).isEqualTo(List.of("C02F", "C02F 1/28"));
        assertThat(request.get("minReadinessLevel")).isEqualTo(6);
        assertThat(request.get("territory")).isEqualTo("VN");
        assertThat(request.get("budget")).isEqualTo(Map.of("max", "2000000000", "currency", "VND"));
        // open to the end of the day in Vietnam (UTC+7)
        assertThat(Instant.parse((String) request.get("deadline"))).isEqualTo(Instant.parse("2027-02-03T16:59:00Z"));
        assertThat(request.get("ownerNamePublic")).isEqualTo(false);
    }

    @Test
    void anEnglishOnlyNeedSendsNoVietnameseAndWhatIsNoNumberGoesAsTyped() {
        NeedForm form = new NeedForm();
        form.getTitle().setEn("Textile wastewater");
        form.setMinReadinessLevel("six");
        form.setDeadline("soon");

        Map<String, Object> request = form.toRequest(Locale.ENGLISH);

        assertThat(request.get("title")).isEqualTo(Map.of("en", "Textile wastewater"));
        assertThat(request.get("minReadinessLevel")).isEqualTo("six");
        assertThat(request.get("deadline")).isEqualTo("soon");
        assertThat(request).doesNotContainKey("budget");
    }

    @Test
    void theServicesPathsLandOnTheFormsFields() {
        NeedForm form = new NeedForm();
        assertThat(form.formPath("ipcClasses[1]")).isEqualTo("ipcClasses");
        assertThat(form.formPath("dealTypes[0]")).isEqualTo("dealTypes");
        assertThat(form.formPath("budget.max")).isEqualTo("budgetMax");
        assertThat(form.formPath("title")).isEqualTo("title.vi");
        assertThat(form.formPath("deadline")).isEqualTo("deadline");
        assertThat(form.formPath("")).isNull();
    }
}
