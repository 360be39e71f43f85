package io.techex.testkit.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What {@link OpenApiConformanceFilter}s of this JVM found, until {@link OpenApiConformanceExtension} reports it. One
 * queue for the JVM: the filters run in Spring contexts on server threads, the extension in JUnit, and a test's
 * requests are answered (and checked) before its client sees the answer.
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

    private OpenApiMismatches() {
    }

    static void record(Mismatch mismatch) {
        FOUND.add(mismatch);
    }

    /** Everything found since the last call, which no later call returns again. */
    public static List<Mismatch> drain() {
        List<Mismatch> drained = new ArrayList<>();
        for (Mismatch next = FOUND.poll(); next != null; next = FOUND.poll()) {
            drained.add(next);
        }
        return drained;
    }
}
