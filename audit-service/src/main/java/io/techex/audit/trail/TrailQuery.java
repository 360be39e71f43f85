package io.techex.audit.trail;

import io.techex.platform.rules.RuleViolation;

import java.time.Instant;
import java.util.List;

/**
 * What part of an asset's trail a regulator asks for. Every filter is optional.
 *
 * @param from  events that occurred at or after this instant
 * @param to    events that occurred before this instant; equal to {@code from}, no event
 * @param party events an organisation's people caused (the actor's organisation)
 * @param types event types: a full CloudEvent type ({@code io.techex.listing.ListingDrafted.v1}) or an event name
 *              that matches every version ({@code ListingDrafted})
 * @param asOf  time travel: the trail as it stood at that instant, with the asset's headline of then
 */
public record TrailQuery(Instant from, Instant to, String party, List<String> types, Instant asOf) {

    public TrailQuery {
        types = types == null ? List.of() : types.stream().filter(type -> !type.isBlank()).toList();
        party = party == null || party.isBlank() ? null : party;
        // from equal to to is an empty window, a legitimate question with an empty answer; only an upside-down one is not
        if (from != null && to != null && from.isAfter(to)) {
            throw RuleViolation.invalid("from", "must not be after to");
        }
    }

    public static TrailQuery all() {
        return new TrailQuery(null, null, null, List.of(), null);
    }

    /** The end of the time window: the earlier of {@code to} and just after {@code asOf}. */
    Instant until() {
        Instant afterAsOf = asOf == null ? null : asOf.plusNanos(1000);
        if (to == null) {
            return afterAsOf;
        }
        return afterAsOf == null || to.isBefore(afterAsOf) ? to : afterAsOf;
    }
}
