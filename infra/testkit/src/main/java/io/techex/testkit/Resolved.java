package io.techex.testkit;

/**
 * One service the kit settled on.
 *
 * @param value       how to reach it
 * @param description what and where it is, for the log line
 * @param stopper     what stops it at JVM exit, or {@code null} when the kit did not start it
 */
record Resolved<T>(T value, String description, AutoCloseable stopper) {

    static <T> Resolved<T> given(T value, String description) {
        return new Resolved<>(value, description, null);
    }

    boolean startedHere() {
        return stopper != null;
    }
}
