package io.techex.listing.matching;

import io.techex.listing.api.MatchFound;
import io.techex.platform.rules.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * That a need and a listing were found to match: an aggregate so that {@link MatchFound} is in the event store, from
 * which the relay publishes, and so that a pair is announced once, its id being derived from the pair (the event store
 * refuses a second stream of one id).
 */
@Aggregate
public class Match {

    @AggregateIdentifier
    private String matchId;

    protected Match() {
        // for Axon: rebuilt from its events
    }

    public static String idOf(String needId, String listingId) {
        return UUID.nameUUIDFromBytes(("match|" + needId + "|" + listingId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @CommandHandler
    public Match(RecordMatch command) {
        if (command.needId() == null || command.listingId() == null
                || !command.matchId().equals(idOf(command.needId(), command.listingId()))) {
            throw RuleViolation.invalid("matchId", "A match's id is derived from its need and listing");
        }
        if (command.score() < 0 || command.score() > 1) {
            throw RuleViolation.invalid("score", "A score is 0 to 1, not " + command.score());
        }
        if (command.foundFor() == null || command.rank() < 1) {
            throw RuleViolation.invalid("rank", "A match is found for a need or a listing, at a rank from 1");
        }
        apply(new MatchFound(command.matchId(), command.needId(), command.listingId(), command.needOwnerOrganisationId(),
                command.ownerNamePublic(), command.sellerOrganisationId(), command.score(), command.reasons(),
                command.foundFor(), command.rank()));
    }

    @EventSourcingHandler
    void on(MatchFound event) {
        matchId = event.matchId();
    }
}
