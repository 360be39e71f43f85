package io.techex.platform.web;

import io.techex.platform.actor.Actor;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The id of what a request creates. With an {@code Idempotency-Key} it is derived from the organisation, the kind of
 * thing and the key, so a retry that outlived its Redis record names the same aggregate, and the event store refuses
 * to create it twice; without a key it is random.
 * <p>
 * Such a retry must also be answered as the first request was (same status, same body), from what the event store
 * knows: a creation returns the first answer at once when {@code ActingCommandGateway.createdEarlier} finds the
 * aggregate, without checking the request again against a state that may have moved on; a command on an existing
 * aggregate (a bid) is answered by the aggregate, which remembers what each id's first command was answered and
 * refuses the id for a different command ({@link io.techex.platform.rules.ReusedIdempotencyKey}).
 */
public final class RequestIds {

    private RequestIds() {
    }

    /**
     * @param scope the kind of thing and what it belongs to, e.g. {@code "bid", auctionId}: the same key may be
     *              reused for another kind or another auction
     */
    public static String idFor(Actor actor, String idempotencyKey, String... scope) {
        if (idempotencyKey == null) {
            return UUID.randomUUID().toString();
        }
        String name = actor.organisationId() + "|" + String.join("|", scope) + "|" + idempotencyKey;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
