package io.techex.platform.web;

import io.techex.platform.actor.Actor;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Optional;

/**
 * Who is acting in an HTTP request. Controllers do not call it: they take an {@code @CurrentActor Actor} parameter.
 * The platform's security provides it: the actor is whoever the validated access token names.
 */
public interface ActorResolver {

    /**
     * The actor, or empty when the request does not say who makes it.
     */
    Optional<Actor> resolve(HttpServletRequest request);
}
