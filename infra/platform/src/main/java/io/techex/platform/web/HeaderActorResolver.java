package io.techex.platform.web;

import io.techex.platform.actor.Actor;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Arrays;
import java.util.Optional;

/**
 * The interim identity: the actor as three request headers, {@code X-Actor-Person}, {@code X-Actor-Organisation}
 * and {@code X-Actor-Role} (one of {@link Actor.Role}), all three or none.
 * <p>
 * <b>This authenticates nobody.</b> Any client can send these headers and act as anyone, so a service using this
 * resolver may be exposed only behind a gateway that authenticates callers, strips these headers from incoming
 * requests and sets them itself. It is the default only until services validate access tokens, at which point a
 * token-reading {@link ActorResolver} bean replaces it.
 */
public class HeaderActorResolver implements ActorResolver {

    public static final String PERSON = "X-Actor-Person";
    public static final String ORGANISATION = "X-Actor-Organisation";
    public static final String ROLE = "X-Actor-Role";

    @Override
    public Optional<Actor> resolve(HttpServletRequest request) {
        String person = request.getHeader(PERSON);
        String organisation = request.getHeader(ORGANISATION);
        String role = request.getHeader(ROLE);
        if (isBlank(person) && isBlank(organisation) && isBlank(role)) {
            return Optional.empty();
        }
        // a partial identity is a broken gateway or client, not an anonymous request
        for (String[] header : new String[][]{{PERSON, person}, {ORGANISATION, organisation}, {ROLE, role}}) {
            if (isBlank(header[1])) {
                throw new BadActorHeader(header[0], "is required with the other actor headers");
            }
        }
        try {
            return Optional.of(new Actor(person.strip(), organisation.strip(), Actor.Role.valueOf(role.strip())));
        } catch (IllegalArgumentException unknownRole) {
            throw new BadActorHeader(ROLE, "must be one of " + Arrays.toString(Actor.Role.values()));
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
