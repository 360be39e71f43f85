package io.techex.contracts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a {@link PublicEvent} on the wire. The CloudEvent type is {@code name + ".v" + version}, e.g.
 * {@code io.techex.listing.ListingDrafted.v1}.
 *
 * <p>Evolution rule: adding an optional field keeps the version (schemas allow unknown properties and
 * consumers ignore them); renaming, removing or retyping a field is a new version, which the producer
 * publishes beside the old one until every consumer has moved.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    /** Fully qualified event name: {@code io.techex.<domain>.<EventName>}. */
    String name();

    int version() default 1;
}
