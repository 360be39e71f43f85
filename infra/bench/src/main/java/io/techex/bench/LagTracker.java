package io.techex.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Time from a command's 201 to its event showing up somewhere, per key. Whichever of the two is noticed second
 * closes the pair, so an event seen before the client has even read its 201 counts too (as a lag below zero).
 */
final class LagTracker {

    private final Map<String, Long> accepted = new HashMap<>();
    private final Map<String, Long> seen = new HashMap<>();
    private final List<Double> lagsMs = new ArrayList<>();
    private long firstSeen = Long.MAX_VALUE;
    private long lastSeen = Long.MIN_VALUE;
    private int matched;

    synchronized void accepted(String key, long nanos) {
        Long at = seen.remove(key);
        if (at != null) {
            close(nanos, at);
        } else {
            accepted.put(key, nanos);
        }
    }

    synchronized void seen(String key, long nanos) {
        Long sent = accepted.remove(key);
        if (sent != null) {
            close(sent, nanos);
        } else if (!seen.containsKey(key)) {
            seen.put(key, nanos);
        }
    }

    private void close(long sent, long at) {
        lagsMs.add((at - sent) / 1e6);
        matched++;
        firstSeen = Math.min(firstSeen, at);
        lastSeen = Math.max(lastSeen, at);
    }

    synchronized int outstanding() {
        return accepted.size();
    }

    synchronized int matched() {
        return matched;
    }

    /** Matched events a second between the first and the last one seen. */
    synchronized double seenPerSecond() {
        return matched < 2 ? Double.NaN : (matched - 1) / ((lastSeen - firstSeen) / 1e9);
    }

    synchronized List<Double> lagsMs() {
        return List.copyOf(lagsMs);
    }

    /** Forgets everything, for the next repetition. */
    synchronized void reset() {
        accepted.clear();
        seen.clear();
        lagsMs.clear();
        matched = 0;
        firstSeen = Long.MAX_VALUE;
        lastSeen = Long.MIN_VALUE;
    }

    boolean awaitDrained(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (outstanding() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        return outstanding() == 0;
    }
}
