package io.techex.console.web;

import java.util.UUID;

/**
 * Each form is rendered with a fresh key (a hidden field); the console sends it as the write's {@code Idempotency-Key},
 * so submitting the same form twice, or a POST retried by the browser, has its effect once.
 */
public final class IdempotencyKeys {

    public static final String FIELD = "idempotencyKey";

    private IdempotencyKeys() {
    }

    public static String fresh() {
        return UUID.randomUUID().toString();
    }

    /** The form's key; a fresh one when a hand-made request came without. */
    public static String of(String submitted) {
        return submitted == null || submitted.isBlank() || submitted.length() > 100 ? fresh() : submitted;
    }
}
