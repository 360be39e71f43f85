package io.techex.notification.addressing;

import io.techex.platform.actor.Actor;

import java.util.List;

/**
 * Whom a notification is for. Events name organisations (a seller, a bidder, the parties), not people, so a
 * notification is addressed to an organisation, and every person of it sees it in their own feed; what concerns
 * regulators is addressed to the role, since no event says which regulator will decide.
 *
 * @param key {@code org:<organisation id>} or {@code role:<ROLE>}, as stored
 */
public record Audience(String key) {

    public static Audience organisation(String organisationId) {
        return new Audience("org:" + organisationId);
    }

    public static Audience role(Actor.Role role) {
        return new Audience("role:" + role.name());
    }

    /** Every audience a person belongs to: their organisation and their role. */
    public static List<String> keysOf(String organisationId, String role) {
        return List.of("org:" + organisationId, "role:" + role);
    }
}
