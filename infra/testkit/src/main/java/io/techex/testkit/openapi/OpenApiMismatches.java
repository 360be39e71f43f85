package io.techex.testkit.openapi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What {@link OpenApiConformanceFilter}s of this JVM found, until {@link OpenApiConformanceExtension} reports it. One
 * queue for the JVM: the filters run in Spring contexts on server threads, the extension in JUnit. A check starts
 * counting before its client can see the answer, so draining after a test's last answer waits for its check.
 */
public final class OpenApiMismatches {

    /**
     * An answer outside the document.
     *
     * @param service   the application's name
     * @param operation the documented operation ({@code POST /auctions/{auctionId}/bids}), or the request itself
     * @param status    the answer's status
     * @param problems  each thing wrong
     * @param request   the request as it was sent (method, path and query, at most 200 characters), or null
     */
    public record Mismatch(String service, String operation, int status, List<String> problems, String request) {

        public Mismatch(String service, String operation, int status, List<String> problems) {
            this(service, operation, status, problems, null);
        }

        @Override
        public String toString() {
            return service + " " + operation + " → " + status + (request == null ? "" : " (" + request + ")") + ":\n      "
                    + String.join("\n      ", problems);
        }
    }

    private static final ConcurrentLinkedQueue<Mismatch> FOUND = new ConcurrentLinkedQueue<>();
    /** Answers given whose check has not finished. */
    private static final Object CHECKS = new Object();
    private static int running;
    /** A check is a few milliseconds; this bounds the wait should one never end. */
    private static final long MAX_WAIT_NANOS = Duration.ofSeconds(30).toNanos();

    private OpenApiMismatches() {
    }

    static void record(Mismatch mismatch) {
        FOUND.add(mismatch);
    }

    static void checking() {
        synchronized (CHECKS) {
            running++;
        }
    }

    static void checked() {
        synchronized (CHECKS) {
            running--;
            CHECKS.notifyAll();
        }
    }

    /**
     * Everything found since the last call, which no later call returns again, once the checks of the answers given
     * so far have finished.
     */
    public static List<Mismatch> drain() {
        long deadline = System.nanoTime() + MAX_WAIT_NANOS;
        synchronized (CHECKS) {
            while (running > 0 && System.nanoTime() < deadline) {
                try {
                    CHECKS.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        List<Mismatch> drained = new ArrayList<>();
        for (Mismatch next = FOUND.poll(); next != null; next = FOUND.poll()) {
            drained.add(next);
        }
        return drained;
    }
}
