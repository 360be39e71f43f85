package io.techex.listing.matching;

import io.techex.listing.api.MatchKind;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matching's one procedure, shared by the projection and the policy over their own tables: apply an item's change, keep
 * the terms' document frequencies counting the open items, and score a changed open item against every open item of
 * the other kind. Only the changed item is scored (the others keep the scores they got when they or their counterpart
 * last changed), so a change costs one pass over the open items of the other kind, not a pass over all pairs.
 */
final class Matchmaker {

    private final MatchingStore store;
    private final TermExtraction extraction;

    Matchmaker(JdbcTemplate jdbc, MatchingStore.Tables tables, TermExtraction extraction) {
        this.store = new MatchingStore(jdbc, tables);
        this.extraction = extraction;
    }

    /** What the change did to the item's matches. */
    sealed interface Outcome {
    }

    /** The item is open and was scored anew: against each open counterpart, best first. */
    record Rescored(MatchItem item, List<Scored> scores) implements Outcome {
    }

    /** The item left the market: it has no matches. */
    record Closed(MatchItem item) implements Outcome {
    }

    /** Nothing that changes a score (a draft's words, a listing moving between negotiations). */
    record Unchanged() implements Outcome {
    }

    /** A counterpart of a rescored item, and the pair's score. */
    record Scored(MatchItem counterpart, MatchScore score) {
    }

    Outcome apply(ItemChange change) {
        MatchItem before = store.find(change.kind(), change.itemId()).orElse(null);
        MatchItem after = change.change().apply(before);
        if (after == null || after.equals(before)) {
            return new Unchanged();
        }
        if (before == null || !before.facts().sameWords(after.facts())) {
            after = after.withProfile(extraction.extract(after.facts()));
        }
        if (before != null && before.open()) {
            store.uncountTerms(before.profile().terms());
        }
        if (after.open()) {
            store.countTerms(after.profile().terms());
        }
        store.save(after);
        if (after.open()) {
            return new Rescored(after, score(after));
        }
        return before != null && before.open() ? new Closed(after) : new Unchanged();
    }

    /** The open item scored against every open counterpart, best first; it writes nothing (the corpus test times it). */
    List<Scored> score(MatchItem item) {
        List<MatchItem> counterparts = store.openItems(item.kind().other(), item.ownerOrganisationId());
        DocumentFrequencies frequencies = store.frequencies();
        Map<String, Double> idf = new HashMap<>();
        Scorer.Side changed = Scorer.Side.of(item, frequencies, idf);
        return counterparts.stream()
                .map(other -> {
                    Scorer.Side side = Scorer.Side.of(other, frequencies, idf);
                    return new Scored(other, item.kind() == MatchKind.NEED ? Scorer.score(changed, side) : Scorer.score(side, changed));
                })
                .sorted(Comparator.comparingDouble((Scored scored) -> scored.score().score()).reversed()
                        .thenComparing(scored -> scored.counterpart().itemId()))
                .toList();
    }

    Optional<MatchItem> find(MatchKind kind, String itemId) {
        return store.find(kind, itemId);
    }

    void clear() {
        store.clear();
    }
}
