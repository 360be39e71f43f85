package io.techex.platform.actor;

import java.util.Map;
import java.util.Objects;

/**
 * Who acts: a person on behalf of an organisation with a role on the exchange. Every command carries it in
 * its metadata and Axon copies it to the events it causes, so the audit trail always names both.
 */
public record Actor(String personId, String organisationId, Role role) {

    public static final String PERSON = "actorPerson";
    public static final String ORGANISATION = "actorOrganisation";
    public static final String ROLE = "actorRole";

    public enum Role {
        /** Seller: universities, research institutes, any IP holder. */
        UNIVERSITY,
        /** Buyer. */
        FIRM,
        /** The exchange's own staff. */
        OPERATOR,
        /** E.g. a Department of Science and Technology. */
        REGULATOR,
        /**
         * The exchange itself, where no person acts: a deadline passing, a service reacting to another's event. Never
         * in an access token, so that no caller can pose as the exchange.
         */
        SYSTEM
    }

    /** The exchange acting on its own, e.g. {@code system("contract-service")} when a deadline passes. */
    public static Actor system(String component) {
        return new Actor(component, "techex", Role.SYSTEM);
    }

    public Actor {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(role, "role");
    }

    /** The message metadata entries that carry this actor. */
    public Map<String, String> asMetaData() {
        return Map.of(PERSON, personId, ORGANISATION, organisationId, ROLE, role.name());
    }

    /** The actor recorded in message metadata, or null for messages no person caused (e.g. a deadline). */
    public static Actor fromMetaData(Map<String, ?> metaData) {
        Object person = metaData.get(PERSON);
        Object organisation = metaData.get(ORGANISATION);
        Object role = metaData.get(ROLE);
        if (person == null || organisation == null || role == null) {
            return null;
        }
        return new Actor(person.toString(), organisation.toString(), Role.valueOf(role.toString()));
    }
}
