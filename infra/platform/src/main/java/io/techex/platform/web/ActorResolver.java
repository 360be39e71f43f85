package io.techex.platform.web;

import io.techex.platform.actor.Actor;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Optional;

/**
 * Who is acting in an HTTP request. Controllers do not call it: they take an {@code @CurrentActor Actor} parameter.
 * The platform's default is {@link HeaderActorResolver}; a service (or the platform's security) that authenticates
 * callers declares its own bean of this type, which replaces the default.
 */
public interface ActorResolver {

    /**
     * The actor, or empty when the request does not say who makes it.
     *
     * @throws BadActorHeader if the request names its actor in a form that cannot be accepted
     */
    Optional<Actor> resolve(HttpServletRequest request);
}
