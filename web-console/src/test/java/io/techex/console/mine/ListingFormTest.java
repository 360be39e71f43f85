package io.techex.console.mine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ListingFormTest {

    @Test
    void theRequestLeavesOutEmptyRowsAndTheServicesPathsLeadBackToTheRowsThePersonFilled() {
        ListingForm form = ListingForm.blank("hust", "Đại học Bách khoa Hà Nội");
        form.getTitle().setVi("Vật liệu nano");
        form.setReadinessLevel("6");
        form.addTitle();
        form.addTitle();
        // the first title row left empty, the third filled, its second owner row used and the first empty
        form.getIpTitles().set(0, new ListingForm.Title());
        ListingForm.Title third = form.getIpTitles().get(2);
        third.setNumber("1-0023456");
        third.setFilingDate("2019-03-14");
        third.setExpiryDate("2039-03-14");
        third.getOwners().get(1).setOrganisationId("hust");
        third.getOwners().get(1).setName("HUST");
        third.getOwners().get(1).setSharePercent("70,5");
        form.getDealTypes().get(2).setOffered(true); // assignment only
        form.getAskingPrice().setAmount("1.500.000.000");

        Map<String, Object> request = form.toRequest();

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> titles = (List<Map<String, Object>>) request.get("ipTitles");
        assertThat(titles).hasSize(1);
        assertThat(titles.getFirst().get("owners")).isEqualTo(List.of(Map.of("organisationId", "hust", "name", "HUST",
                "sharePercent", "70.5")));
        assertThat(request.get("readinessLevel")).isEqualTo(6);
        assertThat(request.get("askingPrice")).isEqualTo(Map.of("amount", "1500000000", "currency", "VND"));
        assertThat(request.get("dealTypes")).isEqualTo(List.of(Map.of("dealType", "ASSIGNMENT")));

        assertThat(form.formPath("ipTitles[0].owners[0].sharePercent")).isEqualTo("ipTitles[2].owners[1].sharePercent");
        assertThat(form.formPath("ipTitles[0].owners")).isEqualTo("ipTitles[2].owners");
        assertThat(form.formPath("ipTitles[0].expiryDate")).isEqualTo("ipTitles[2].expiryDate");
        assertThat(form.formPath("dealTypes[0].territory")).isEqualTo("dealTypes[2].territory");
        assertThat(form.formPath("ipcClasses[3]")).isEqualTo("ipcClasses");
        assertThat(form.formPath("title.vi")).isEqualTo("title.vi");
    }

    @Test
    void whatIsTypedThatIsNoNumberGoesToTheServiceAsTypedForItToName() {
        ListingForm form = new ListingForm();
        form.setReadinessLevel("sáu");
        assertThat(form.toRequest().get("readinessLevel")).isEqualTo("sáu");
    }
}
