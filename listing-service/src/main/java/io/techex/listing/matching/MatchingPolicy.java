package io.techex.listing.matching;

import io.techex.listing.api.MatchFound;
import io.techex.listing.api.MatchKind;
import io.techex.platform.actor.ActingCommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Announces good matches as they are found: when a listing or a need comes on the market or changes, each of its
 * {@value #TOP} best counterparts scoring at least {@value #THRESHOLD} is announced as {@link MatchFound}, once per pair
 * ever, by the exchange itself ({@code listing-service}, role SYSTEM). Fewer, stronger announcements than the read
 * model's lists, so that the trail and the people told about them are not flooded: a firm hears of a handful of
 * listings when it posts a need, a university of the needs its new listing answers best.
 * <p>
 * A policy, not a projection: its effect is a command, which must happen once, so its processor ({@value #PROCESSING_GROUP})
 * never replays. It scores with the projection's {@link Matchmaker} over tables of its own ({@code match_policy_item},
 * {@code match_policy_term}), written as it handles the events, one segment in store order: reading the projection's
 * would race that processor, which may not have reached the event handled here (two items published together would
 * then miss each other for good).
 */
@Component
@ProcessingGroup(MatchingPolicy.PROCESSING_GROUP)
@DisallowReplay
class MatchingPolicy {

    static final String PROCESSING_GROUP = "matching-policy";
    /**
     * A pair in the same IPC subclass that agrees on readiness, deal, territory and price scores 0.6 without a word in
     * common; above 0.7 the texts must say the same thing too.
     */
    static final double THRESHOLD = 0.7;
    static final int TOP = 3;
    /** The batch's announcements, so that a pair found twice in one batch is recorded once. */
    private static final String ANNOUNCED = MatchingPolicy.class.getName() + ".announced";

    private final Matchmaker matchmaker;
    private final ActingCommandGateway commands;
    private final EventStore eventStore;

    MatchingPolicy(JdbcTemplate jdbc, TermExtraction extraction, ActingCommandGateway commands, EventStore eventStore) {
        this.matchmaker = new Matchmaker(jdbc, MatchingStore.POLICY, extraction);
        this.commands = commands;
        this.eventStore = eventStore;
    }

    @EventHandler
    void on(Object event) {
        MatchingEvents.changeOf(event).ifPresent(change -> {
            if (matchmaker.apply(change) instanceof Matchmaker.Rescored rescored) {
                announce(rescored.item(), rescored.scores());
            }
        });
    }

    private void announce(MatchItem item, List<Matchmaker.Scored> scores) {
        Set<String> announced = CurrentUnitOfWork.get().root().getOrComputeResource(ANNOUNCED, key -> new HashSet<>());
        int rank = 0;
        for (Matchmaker.Scored scored : scores.subList(0, Math.min(TOP, scores.size()))) {
            rank++;
            if (!scored.score().isMatch() || scored.score().score() < THRESHOLD) {
                break;
            }
            MatchItem need = item.kind() == MatchKind.NEED ? item : scored.counterpart();
            MatchItem listing = item.kind() == MatchKind.NEED ? scored.counterpart() : item;
            String matchId = Match.idOf(need.itemId(), listing.itemId());
            if (!announced.add(matchId) || eventStore.lastSequenceNumberFor(matchId).isPresent()) {
                continue;
            }
            commands.sendAsSystem(new RecordMatch(matchId, need.itemId(), listing.itemId(), need.ownerOrganisationId(),
                    need.facts().ownerNamePublic(), listing.ownerOrganisationId(), scored.score().score(),
                    scored.score().reasons(), item.kind(), rank));
        }
    }
}
