package io.techex.listing.need;

import io.techex.listing.api.Budget;
import io.techex.listing.api.DealType;
import io.techex.listing.api.LocalizedText;
import io.techex.listing.api.NeedClosed;
import io.techex.listing.api.NeedExpired;
import io.techex.listing.api.NeedOwnerKind;
import io.techex.listing.api.NeedPublished;
import io.techex.listing.api.NeedRevised;
import io.techex.listing.api.NeedTakenDown;
import io.techex.platform.rules.RuleViolation;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

class NeedTest {

    private static final String ID = "3f6b2a1c-9d4e-4c7a-8b21-5e0f9a7c3d12";
    private static final String FIRM = "mekong-biotech";

    private AggregateTestFixture<Need> fixture;
    private Instant now;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Need.class);
        now = fixture.currentTime();
    }

    private NeedContent content(Instant deadline) {
        return new NeedContent(new LocalizedText("Xử lý nước thải dệt nhuộm", "Textile-dye wastewater treatment"),
                new LocalizedText("Giảm độ màu và COD, 500 m³/ngày.", null), List.of("nước thải"), List.of("C02F"), 6,
                List.of(DealType.NON_EXCLUSIVE_LICENCE), "VN",
                Budget.of(new BigDecimal("500000000"), new BigDecimal("2000000000"), null), deadline, false,
                NeedOwnerKind.FIRM);
    }

    private NeedContent complete() {
        return content(now.plus(Duration.ofDays(90)));
    }

    private NeedDrafted drafted() {
        return new NeedDrafted(ID, FIRM, complete());
    }

    private NeedPublished published() {
        return complete().published(ID, FIRM, 0, now);
    }

    @Test
    void aFirmDraftsANeed() {
        fixture.givenNoPriorActivity()
                .when(new DraftNeed(ID, FIRM, complete()))
                .expectEvents(drafted());
    }

    @Test
    void aDraftKeepsTheRulesNamingTheFieldAtFault() {
        NeedContent c = complete();
        NeedContent noTitle = new NeedContent(new LocalizedText(null, null), c.statement(), c.keywords(), c.ipcClasses(),
                6, c.dealTypes(), c.territory(), c.budget(), c.deadline(), false, null);
        NeedContent englishOnly = new NeedContent(new LocalizedText(null, "Arsenic removal"),
                new LocalizedText(null, "Groundwater for 20 villages"), List.of(), List.of("C02"), 5, List.of(), null, null,
                null, true, NeedOwnerKind.STATE_AGENCY);
        NeedContent badIpc = new NeedContent(c.title(), c.statement(), c.keywords(), List.of("C02F1/28"), 6,
                c.dealTypes(), c.territory(), c.budget(), c.deadline(), false, null);
        NeedContent badTerritory = new NeedContent(c.title(), c.statement(), c.keywords(), c.ipcClasses(), 6,
                c.dealTypes(), "XX", c.budget(), c.deadline(), false, null);
        NeedContent upsideDown = new NeedContent(c.title(), c.statement(), c.keywords(), c.ipcClasses(), 6,
                c.dealTypes(), c.territory(), new Budget(new BigDecimal("3"), new BigDecimal("2"), "VND"), c.deadline(), false, null);
        NeedContent dongCents = new NeedContent(c.title(), c.statement(), c.keywords(), c.ipcClasses(), 6,
                c.dealTypes(), c.territory(), new Budget(null, new BigDecimal("2.5"), "VND"), c.deadline(), false, null);
        NeedContent trl = new NeedContent(c.title(), c.statement(), c.keywords(), c.ipcClasses(), 10,
                c.dealTypes(), c.territory(), c.budget(), c.deadline(), false, null);
        NeedContent twice = new NeedContent(c.title(), c.statement(), c.keywords(), c.ipcClasses(), 6,
                List.of(DealType.ASSIGNMENT, DealType.ASSIGNMENT), c.territory(), c.budget(), c.deadline(), false, null);
        fixture.givenNoPriorActivity().when(new DraftNeed(ID, FIRM, noTitle)).expectException(violation("invalid-title")).expectNoEvents();
        fixture.givenNoPriorActivity().when(new DraftNeed(ID, FIRM, badIpc)).expectException(violation("invalid-ipc-classes-0")).expectNoEvents();
        fixture.givenNoPriorActivity().when(new DraftNeed(ID, FIRM, badTerritory)).expectException(violation("invalid-territory")).expectNoEvents();
        fixture.givenNoPriorActivity().when(new DraftNeed(ID, FIRM, upsideDown)).expectException(violation("invalid-budget-min")).expectNoEvents();
        fixture.givenNoPriorActivity().when(new DraftNeed(ID, FIRM, dongCents)).expectException(violation("invalid-budget-max")).expectNoEvents();
        fixture.givenNoPriorActivity().when(new DraftNeed(ID, FIRM, trl)).expectException(violation("invalid-min-readiness-level")).expectNoEvents();
        fixture.givenNoPriorActivity().when(new DraftNeed(ID, FIRM, twice)).expectException(violation("invalid-deal-types")).expectNoEvents();
        // English only, a class for a field, nothing else yet: a valid draft (a State agency's, its name public)
        fixture.givenNoPriorActivity().when(new DraftNeed(ID, FIRM, englishOnly)).expectEvents(new NeedDrafted(ID, FIRM, englishOnly));
    }

    @Test
    void theOwnerPublishesAndTheDeadlineIsScheduled() {
        fixture.given(drafted())
                .when(new PublishNeed(ID, FIRM, now))
                .expectEvents(published())
                .expectScheduledDeadlineWithName(Duration.ofDays(90), Need.DEADLINE);
    }

    @Test
    void publishingNeedsAFieldADealAndADeadlineAhead() {
        NeedContent c = complete();
        fixture.given(new NeedDrafted(ID, FIRM, content(null)))
                .when(new PublishNeed(ID, FIRM, now))
                .expectException(violation("invalid-deadline")).expectNoEvents();
        fixture.given(new NeedDrafted(ID, FIRM, content(now.minusSeconds(1))))
                .when(new PublishNeed(ID, FIRM, now))
                .expectException(violation("invalid-deadline")).expectNoEvents();
        fixture.given(new NeedDrafted(ID, FIRM, content(now.plus(Duration.ofDays(731)))))
                .when(new PublishNeed(ID, FIRM, now))
                .expectException(violation("invalid-deadline")).expectNoEvents();
        fixture.given(new NeedDrafted(ID, FIRM, new NeedContent(c.title(), c.statement(), c.keywords(), List.of(), 6,
                        c.dealTypes(), c.territory(), c.budget(), c.deadline(), false, null)))
                .when(new PublishNeed(ID, FIRM, now))
                .expectException(violation("invalid-ipc-classes")).expectNoEvents();
        fixture.given(new NeedDrafted(ID, FIRM, new NeedContent(c.title(), c.statement(), c.keywords(), c.ipcClasses(), 6,
                        List.of(), c.territory(), c.budget(), c.deadline(), false, null)))
                .when(new PublishNeed(ID, FIRM, now))
                .expectException(violation("invalid-deal-types")).expectNoEvents();
    }

    @Test
    void anotherOrganisationsNeedDoesNotExistForIt() {
        fixture.given(drafted())
                .when(new PublishNeed(ID, "kyoto-materials", now))
                .expectException(AggregateNotFoundException.class).expectNoEvents();
        fixture.given(drafted(), published())
                .when(new CloseNeed(ID, "kyoto-materials", null))
                .expectException(AggregateNotFoundException.class).expectNoEvents();
        fixture.given(drafted())
                .when(new ReviseNeed(ID, "kyoto-materials", complete(), now))
                .expectException(AggregateNotFoundException.class).expectNoEvents();
    }

    @Test
    void aDraftIsRevisedAsADraftAndAPublishedNeedStaysPublished() {
        NeedContent later = content(now.plus(Duration.ofDays(120)));
        fixture.given(drafted())
                .when(new ReviseNeed(ID, FIRM, later, now))
                .expectEvents(new NeedDraftRevised(ID, 1, later))
                .expectResultMessagePayload(NeedStatus.DRAFT)
                .expectNoScheduledDeadlines();
        fixture.given(drafted(), published())
                .when(new ReviseNeed(ID, FIRM, later, now))
                .expectEvents(later.revised(ID, FIRM, 1, now))
                .expectResultMessagePayload(NeedStatus.PUBLISHED)
                .expectScheduledDeadlineWithName(Duration.ofDays(120), Need.DEADLINE);
        // a published need stays complete: its deadline cannot be taken away or put in the past
        fixture.given(drafted(), published())
                .when(new ReviseNeed(ID, FIRM, content(null), now))
                .expectException(violation("invalid-deadline")).expectNoEvents();
    }

    @Test
    void theNeedExpiresAtItsDeadline() {
        fixture.given(drafted())
                .andGivenCommands(new PublishNeed(ID, FIRM, now))
                .whenThenTimeElapses(Duration.ofDays(90))
                .expectDeadlinesMet(new NeedDeadlineDue(complete().deadline()))
                .expectEvents(new NeedExpired(ID, FIRM, complete().deadline()));
    }

    @Test
    void aMovedDeadlinesOldOneDoesNothingAndTheNewOneExpiresTheNeed() {
        NeedContent later = content(now.plus(Duration.ofDays(120)));
        fixture.given(drafted())
                .andGivenCommands(new PublishNeed(ID, FIRM, now), new ReviseNeed(ID, FIRM, later, now))
                .whenThenTimeElapses(Duration.ofDays(91))
                .expectDeadlinesMet(new NeedDeadlineDue(complete().deadline()))
                .expectNoEvents();
        fixture = new AggregateTestFixture<>(Need.class);
        fixture.given(drafted())
                .andGivenCommands(new PublishNeed(ID, FIRM, now), new ReviseNeed(ID, FIRM, later, now))
                .whenThenTimeElapses(Duration.ofDays(120))
                .expectEvents(new NeedExpired(ID, FIRM, later.deadline()));
    }

    @Test
    void aClosedNeedsDeadlineDoesNothing() {
        fixture.given(drafted())
                .andGivenCommands(new PublishNeed(ID, FIRM, now), new CloseNeed(ID, FIRM, null))
                .whenThenTimeElapses(Duration.ofDays(91))
                .expectDeadlinesMet(new NeedDeadlineDue(complete().deadline()))
                .expectNoEvents();
    }

    @Test
    void theOwnerClosesAPublishedNeedOnce() {
        fixture.given(drafted(), published())
                .when(new CloseNeed(ID, FIRM, "  Found a solution  "))
                .expectEvents(new NeedClosed(ID, FIRM, "Found a solution"));
        fixture.given(drafted())
                .when(new CloseNeed(ID, FIRM, null))
                .expectException(violation("need-not-published")).expectNoEvents();
        fixture.given(drafted(), published(), new NeedClosed(ID, FIRM, null))
                .when(new CloseNeed(ID, FIRM, null))
                .expectException(violation("need-ended")).expectNoEvents();
    }

    @Test
    void theOperatorTakesDownAPublishedNeedSayingWhy() {
        fixture.given(drafted(), published())
                .when(new TakeDownNeed(ID, "Spam"))
                .expectEvents(new NeedTakenDown(ID, FIRM, "Spam"));
        fixture.given(drafted(), published())
                .when(new TakeDownNeed(ID, " "))
                .expectException(violation("invalid-reason")).expectNoEvents();
        fixture.given(drafted())
                .when(new TakeDownNeed(ID, "Spam"))
                .expectException(violation("need-not-published")).expectNoEvents();
    }

    @Test
    void anEndedNeedIsNeitherRevisedNorPublishedAgain() {
        Object[][] ended = {
                {drafted(), published(), new NeedClosed(ID, FIRM, null)},
                {drafted(), published(), new NeedExpired(ID, FIRM, complete().deadline())},
                {drafted(), published(), new NeedTakenDown(ID, FIRM, "Spam")}};
        for (Object[] history : ended) {
            fixture.given(history).when(new ReviseNeed(ID, FIRM, complete(), now))
                    .expectException(violation("need-ended")).expectNoEvents();
            fixture.given(history).when(new PublishNeed(ID, FIRM, now))
                    .expectException(violation("need-ended")).expectNoEvents();
        }
        fixture.given(drafted(), published()).when(new PublishNeed(ID, FIRM, now))
                .expectException(violation("need-already-published")).expectNoEvents();
    }

    private static Matcher<RuleViolation> violation(String code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleViolation violation) {
                return violation.code().equals(code);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a rule violation " + code);
            }
        };
    }
}
