package io.techex.listing.matching;

import io.techex.listing.api.MatchFound;
import io.techex.listing.api.MatchKind;
import io.techex.listing.api.MatchReason;
import io.techex.platform.rules.RuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.util.List;

class MatchTest {

    private static final String NEED = "3f6b2a1c-9d4e-4c7a-8b21-5e0f9a7c3d12";
    private static final String LISTING = "0b8f7a52-3c1e-4d8a-9f54-2a7c1e0d9b13";
    private static final List<MatchReason> REASONS = List.of(new MatchReason("IPC", 1, 0.25, "C02F matches C02F 1/28"));

    private final AggregateTestFixture<Match> fixture = new AggregateTestFixture<>(Match.class);

    @Test
    void aMatchIsRecordedUnderTheIdOfItsPair() {
        String id = Match.idOf(NEED, LISTING);
        fixture.givenNoPriorActivity()
                .when(new RecordMatch(id, NEED, LISTING, "mekong-biotech", false, "hust", 0.72, REASONS, MatchKind.NEED, 1))
                .expectEvents(new MatchFound(id, NEED, LISTING, "mekong-biotech", false, "hust", 0.72, REASONS, MatchKind.NEED, 1));
    }

    @Test
    void anIdNotOfItsPairAScoreAbove1OrNoRankIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RecordMatch(Match.idOf(LISTING, NEED), NEED, LISTING, "mekong-biotech", false, "hust", 0.72, REASONS, MatchKind.NEED, 1))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new RecordMatch(Match.idOf(NEED, LISTING), NEED, LISTING, "mekong-biotech", false, "hust", 1.2, REASONS, MatchKind.NEED, 1))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new RecordMatch(Match.idOf(NEED, LISTING), NEED, LISTING, "mekong-biotech", false, "hust", 0.7, REASONS, MatchKind.NEED, 0))
                .expectException(RuleViolation.class).expectNoEvents();
    }
}
