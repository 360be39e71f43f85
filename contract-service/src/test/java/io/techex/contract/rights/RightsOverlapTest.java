package io.techex.contract.rights;

import io.techex.contract.api.DealType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static io.techex.contract.api.DealType.ASSIGNMENT;
import static io.techex.contract.api.DealType.EXCLUSIVE_LICENCE;
import static io.techex.contract.api.DealType.NON_EXCLUSIVE_LICENCE;
import static io.techex.contract.api.DealType.OPTION;
import static org.assertj.core.api.Assertions.assertThat;

/** Every rule of {@link RightsOverlap}, case by case. */
class RightsOverlapTest {

    static final LocalDate JAN_2027 = LocalDate.parse("2027-01-01");
    static final LocalDate DEC_2028 = LocalDate.parse("2028-12-31");
    static final LocalDate JAN_2029 = LocalDate.parse("2029-01-01");
    static final LocalDate DEC_2030 = LocalDate.parse("2030-12-31");

    static Grant grant(String id, DealType type, String grantor, String holder, String field, String territory,
                       LocalDate from, LocalDate until) {
        return new Grant(id, "listing", grantor, holder, type, field, territory, from, until);
    }

    static Grant licence(String id, DealType type, String field, String territory, LocalDate from, LocalDate until) {
        return grant(id, type, "hust", "firm-" + id, field, territory, from, until);
    }

    static boolean allowed(Grant claim, Grant... held) {
        return RightsOverlap.conflict(claim, List.of(held)).isEmpty();
    }

    @Test
    void anExclusiveMayNotOverlapAnotherExclusiveInFieldTerritoryAndPeriod() {
        Grant held = licence("a", EXCLUSIVE_LICENCE, "textile wastewater", "VN", JAN_2027, DEC_2028);
        assertThat(allowed(licence("b", EXCLUSIVE_LICENCE, "Textile  Wastewater", "VN", LocalDate.parse("2028-06-01"), DEC_2030), held)).isFalse();
        assertThat(RightsOverlap.conflict(licence("b", EXCLUSIVE_LICENCE, "textile wastewater", "VN", JAN_2027, DEC_2028), List.of(held)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("exclusive licence of contract a"));
    }

    @Test
    void exclusivesInAnotherFieldAnotherTerritoryOrAfterwardsDoNotOverlap() {
        Grant held = licence("a", EXCLUSIVE_LICENCE, "textile wastewater", "VN", JAN_2027, DEC_2028);
        assertThat(allowed(licence("b", EXCLUSIVE_LICENCE, "drinking water", "VN", JAN_2027, DEC_2028), held)).isTrue();
        assertThat(allowed(licence("b", EXCLUSIVE_LICENCE, "textile wastewater", "LA", JAN_2027, DEC_2028), held)).isTrue();
        assertThat(allowed(licence("b", EXCLUSIVE_LICENCE, "textile wastewater", "VN", JAN_2029, DEC_2030), held)).isTrue();
    }

    @Test
    void everyFieldAndWorldwideMeetEveryFieldAndTerritory() {
        Grant held = licence("a", EXCLUSIVE_LICENCE, "textile wastewater", "VN", JAN_2027, DEC_2028);
        assertThat(allowed(licence("b", EXCLUSIVE_LICENCE, null, "VN", JAN_2027, DEC_2028), held)).isFalse();
        assertThat(allowed(licence("b", EXCLUSIVE_LICENCE, "textile wastewater", null, JAN_2027, DEC_2028), held)).isFalse();
    }

    @Test
    void aLicenceWithoutEndOverlapsEverythingAfterItsStart() {
        Grant held = licence("a", EXCLUSIVE_LICENCE, null, "VN", JAN_2027, null);
        assertThat(allowed(licence("b", EXCLUSIVE_LICENCE, null, "VN", LocalDate.parse("2040-01-01"), null), held)).isFalse();
        assertThat(allowed(licence("b", EXCLUSIVE_LICENCE, null, "VN", LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31")), held)).isTrue();
    }

    @Test
    void nonExclusivesMayOverlapEachOther() {
        Grant held = licence("a", NON_EXCLUSIVE_LICENCE, "textile wastewater", "VN", JAN_2027, DEC_2028);
        assertThat(allowed(licence("b", NON_EXCLUSIVE_LICENCE, "textile wastewater", "VN", JAN_2027, DEC_2028), held)).isTrue();
    }

    @Test
    void aNonExclusiveMayNotOverlapAnExclusiveNorTheOtherWayRound() {
        Grant exclusive = licence("a", EXCLUSIVE_LICENCE, "textile wastewater", "VN", JAN_2027, DEC_2028);
        Grant nonExclusive = licence("b", NON_EXCLUSIVE_LICENCE, "textile wastewater", "VN", JAN_2027, DEC_2028);
        assertThat(allowed(nonExclusive, exclusive)).isFalse();
        assertThat(allowed(exclusive, nonExclusive)).isFalse();
        assertThat(allowed(licence("c", NON_EXCLUSIVE_LICENCE, "drinking water", "VN", JAN_2027, DEC_2028), exclusive)).isTrue();
    }

    @Test
    void anAssetUnderAnExclusiveLicenceCannotBeAssignedDuringIt() {
        Grant exclusive = licence("a", EXCLUSIVE_LICENCE, "textile wastewater", "VN", JAN_2027, DEC_2028);
        Grant assignment = grant("b", ASSIGNMENT, "hust", "mekong", null, null, JAN_2027, null);
        assertThat(allowed(assignment, exclusive)).isFalse();
        assertThat(allowed(grant("b", ASSIGNMENT, "hust", "mekong", null, null, JAN_2029, null), exclusive)).isTrue();
    }

    @Test
    void nonExclusiveLicencesSurviveAnAssignment() {
        Grant nonExclusive = licence("a", NON_EXCLUSIVE_LICENCE, null, null, JAN_2027, DEC_2030);
        assertThat(allowed(grant("b", ASSIGNMENT, "hust", "mekong", null, null, JAN_2029, null), nonExclusive)).isTrue();
    }

    @Test
    void afterAnAssignmentOnlyTheAssigneeGrantsRights() {
        Grant assignment = grant("a", ASSIGNMENT, "hust", "mekong", null, null, JAN_2027, null);
        assertThat(allowed(grant("b", EXCLUSIVE_LICENCE, "hust", "kyoto", null, "JP", JAN_2029, null), assignment)).isFalse();
        assertThat(allowed(grant("b", NON_EXCLUSIVE_LICENCE, "hust", "kyoto", null, "JP", JAN_2029, null), assignment)).isFalse();
        assertThat(allowed(grant("b", ASSIGNMENT, "hust", "kyoto", null, null, JAN_2029, null), assignment)).isFalse();
        assertThat(allowed(grant("b", EXCLUSIVE_LICENCE, "mekong", "kyoto", null, "JP", JAN_2029, null), assignment)).isTrue();
    }

    @Test
    void theAssigneeAssigningOnContinuesTheChainOfTitle() {
        Grant first = grant("a", ASSIGNMENT, "hust", "mekong", null, null, JAN_2027, null);
        Grant second = grant("b", ASSIGNMENT, "mekong", "kyoto", null, null, JAN_2029, null);
        assertThat(allowed(second, first)).isTrue();
        assertThat(RightsOverlap.supersededBy(second, List.of(first))).containsExactly(first);
        assertThat(RightsOverlap.supersededBy(licence("c", EXCLUSIVE_LICENCE, null, null, JAN_2029, null), List.of(first))).isEmpty();
    }

    @Test
    void licencesBeforeAnAssignmentAreNotAffectedByIt() {
        Grant assignment = grant("a", ASSIGNMENT, "hust", "mekong", null, null, JAN_2029, null);
        assertThat(allowed(grant("b", NON_EXCLUSIVE_LICENCE, "hust", "kyoto", null, null, JAN_2027, DEC_2028), assignment)).isTrue();
    }

    @Test
    void aTermThatEndedBeforeItCouldStartGrantsNothing() {
        assertThat(RightsOverlap.conflict(licence("a", NON_EXCLUSIVE_LICENCE, null, null, JAN_2029, DEC_2028), List.of()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("term ended"));
    }

    @Test
    void aContractDoesNotOverlapItself() {
        Grant held = licence("a", EXCLUSIVE_LICENCE, null, null, JAN_2027, null);
        assertThat(allowed(held, held)).isTrue();
    }

    // ---- options: an exclusive reservation

    @Test
    void anOptionInForceKeepsOutEveryOtherLicenceAndOptionInItsScope() {
        Grant option = licence("o", OPTION, "textile wastewater", "VN", JAN_2027, DEC_2028);
        assertThat(RightsOverlap.conflict(licence("b", EXCLUSIVE_LICENCE, "Textile wastewater", "VN", JAN_2027, DEC_2030), List.of(option)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("option (an exclusive reservation) of contract o"));
        assertThat(allowed(licence("b", NON_EXCLUSIVE_LICENCE, null, "VN", JAN_2027, DEC_2028), option)).isFalse();
        assertThat(allowed(licence("b", OPTION, "textile wastewater", null, JAN_2027, DEC_2028), option)).isFalse();
    }

    @Test
    void anOptionLeavesOtherFieldsTerritoriesAndTheTimeAfterItFree() {
        Grant option = licence("o", OPTION, "textile wastewater", "VN", JAN_2027, DEC_2028);
        assertThat(allowed(licence("b", EXCLUSIVE_LICENCE, "drinking water", "VN", JAN_2027, DEC_2028), option)).isTrue();
        assertThat(allowed(licence("b", EXCLUSIVE_LICENCE, "textile wastewater", "LA", JAN_2027, DEC_2028), option)).isTrue();
        assertThat(allowed(licence("b", EXCLUSIVE_LICENCE, "textile wastewater", "VN", JAN_2029, DEC_2030), option)).isTrue();
    }

    @Test
    void anAssetUnderAnOptionIsNotAssignedDuringItAndAnOptionNeedsRoomForAnExclusiveLicence() {
        Grant option = licence("o", OPTION, "textile wastewater", "VN", JAN_2027, DEC_2028);
        assertThat(RightsOverlap.conflict(grant("a", ASSIGNMENT, "hust", "kyoto", null, null, LocalDate.parse("2028-01-01"), null), List.of(option)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("under an option (an exclusive reservation)"));
        assertThat(allowed(grant("a", ASSIGNMENT, "hust", "kyoto", null, null, JAN_2029, null), option)).isTrue();
        // the grantor cannot reserve for one firm what another already holds, exclusively or not
        assertThat(allowed(option, licence("n", NON_EXCLUSIVE_LICENCE, null, "VN", JAN_2027, null))).isFalse();
        assertThat(allowed(option, grant("a", ASSIGNMENT, "hust", "kyoto", null, null, JAN_2027, null))).isFalse();
    }
}
