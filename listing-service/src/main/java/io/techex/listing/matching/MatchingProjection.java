package io.techex.listing.matching;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.techex.contracts.EventJson;
import io.techex.listing.api.MatchKind;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * The matches read model ({@code match_score}, with {@code match_item} and {@code match_term}): every open need scored
 * against every open listing, recomputed as they change, rebuilt by replaying its processor ({@value #PROCESSING_GROUP}).
 * <p>
 * One segment, in store order: an item is scored against the items already there, so of two items published at once
 * the second is scored against the first, which a second segment, working at the same time, could not yet see. A
 * scored item's pairs are replaced as a whole; those below {@link MatchScore#isMatch} are not kept. The time of a score is
 * its event's, so a replay ends with the very rows it started from.
 */
@Component
@ProcessingGroup(MatchingProjection.PROCESSING_GROUP)
class MatchingProjection {

    static final String PROCESSING_GROUP = "listing-matching";

    private final JdbcTemplate jdbc;
    private final Matchmaker matchmaker;

    MatchingProjection(JdbcTemplate jdbc, TermExtraction extraction) {
        this.jdbc = jdbc;
        this.matchmaker = new Matchmaker(jdbc, MatchingStore.PROJECTION, extraction);
    }

    /** Every event: {@link MatchingEvents} says which change what. */
    @EventHandler
    void on(Object event, @Timestamp Instant at) {
        MatchingEvents.changeOf(event).ifPresent(change -> {
            switch (matchmaker.apply(change)) {
                case Matchmaker.Rescored rescored -> replace(rescored.item(), rescored.scores(), at);
                case Matchmaker.Closed closed -> remove(closed.item());
                case Matchmaker.Unchanged unchanged -> {
                }
            }
        });
    }

    @ResetHandler
    void beforeReplay() {
        jdbc.update("DELETE FROM match_score");
        matchmaker.clear();
    }

    private void replace(MatchItem item, List<Matchmaker.Scored> scores, Instant at) {
        remove(item);
        List<Matchmaker.Scored> kept = scores.stream().filter(scored -> scored.score().isMatch()).toList();
        jdbc.batchUpdate("INSERT INTO match_score (need_id, listing_id, score, reasons, scored_at) VALUES (?, ?, ?, ?::jsonb, ?)",
                kept, 200, (statement, scored) -> {
                    boolean need = item.kind() == MatchKind.NEED;
                    statement.setString(1, need ? item.itemId() : scored.counterpart().itemId());
                    statement.setString(2, need ? scored.counterpart().itemId() : item.itemId());
                    statement.setDouble(3, scored.score().score());
                    statement.setString(4, json(scored.score()));
                    statement.setTimestamp(5, java.sql.Timestamp.from(at));
                });
    }

    private void remove(MatchItem item) {
        jdbc.update("DELETE FROM match_score WHERE " + (item.kind() == MatchKind.NEED ? "need_id" : "listing_id") + " = ?",
                item.itemId());
    }

    private static String json(MatchScore score) {
        try {
            return EventJson.mapper().writeValueAsString(score.reasons());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Reasons always write as JSON", e);
        }
    }
}
