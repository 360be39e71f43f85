package io.techex.audit.checks;

import jakarta.annotation.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * One anomaly a check found: on which asset, which contract or listing is at fault, what is wrong, who the parties
 * are and the trail's events that show it (earliest first; each can be looked up in the asset's trail and proved in
 * the log by its id).
 */
public record Finding(String assetId, Subject subject, String summary, List<Party> parties, List<Event> events) {

    /** @param kind {@code CONTRACT} or {@code LISTING} */
    public record Subject(String kind, String id) {
    }

    /**
     * @param role    TRANSFEROR, TRANSFEREE, LICENSOR, LICENSEE or SELLER
     * @param country the ISO code the party signed with, where the check needed it; otherwise null
     */
    public record Party(String organisationId, String role, @Nullable String country) {
    }

    /** @param actor null for events no person caused */
    public record Event(String eventId, String type, Instant occurredAt, @Nullable Actor actor) {
    }

    public record Actor(String person, String organisation, String role) {
    }
}
