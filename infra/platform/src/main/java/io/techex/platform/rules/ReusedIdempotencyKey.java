package io.techex.platform.rules;

/**
 * A command whose id was already taken by a different command. Ids of what a request creates are derived from its
 * {@code Idempotency-Key} ({@code RequestIds.idFor}); an aggregate that remembers what each id's first command was
 * refuses the id for a different one with {@link #violation()}, when the key's Redis record that would have let the
 * web layer refuse it first was lost. Both answer the same 422 problem naming the header.
 */
public final class ReusedIdempotencyKey {

    /** The problem's code. */
    public static final String CODE = "idempotency-key-reused";
    /** The field at fault: the request header the key came in. */
    public static final String FIELD = "Idempotency-Key";
    public static final String DETAIL = "was already used for a different request; use a new key for a new request";

    private ReusedIdempotencyKey() {
    }

    public static RuleViolation violation() {
        return RuleViolation.unprocessable(CODE, FIELD, DETAIL);
    }
}
