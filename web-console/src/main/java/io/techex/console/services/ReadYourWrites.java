package io.techex.console.services;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The services answer a command before their read models have caught up (milliseconds later). A page that follows a
 * person's own change waits for it to be readable, so that they see what they just did rather than the state before,
 * or a "not found" for what they just created. If it takes longer than a moment, the page shows what there is.
 */
public final class ReadYourWrites {

    static final Duration PATIENCE = Duration.ofSeconds(3);
    private static final long STEP_MILLIS = 40;

    private ReadYourWrites() {
    }

    /** Asks until {@code visible} holds or the patience is spent; a refusal while asking counts as not yet. */
    public static void await(BooleanSupplier visible) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                if (visible.getAsBoolean()) {
                    return;
                }
            } catch (ServiceProblem notYet) {
                // e.g. the 404 of a listing the catalogue has not projected yet
            }
            if (System.nanoTime() > deadline) {
                return;
            }
            try {
                Thread.sleep(STEP_MILLIS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
