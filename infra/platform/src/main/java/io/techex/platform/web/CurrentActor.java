package io.techex.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller parameter as the person and organisation making the request, from the {@link ActorResolver}:
 * {@code @CurrentActor Actor actor} (a request without an actor is answered 401 {@code unauthenticated}) or
 * {@code @CurrentActor Optional<Actor> actor} (for endpoints that anyone may call).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface CurrentActor {
}
