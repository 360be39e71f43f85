package io.techex.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * A bounded open-loop load: request k is due at start + k / rate, whichever of {@code clients} threads is free sends
 * it, and one running late sends at once (latencies and lags are measured from the send and the answer, so lateness
 * does not hide; it shows as fewer requests than due). Runs for a given time, or in the background until stopped.
 */
final class OpenLoop implements AutoCloseable {

    private final ExecutorService pool;
    private final List<Future<double[][]>> clients = new ArrayList<>();
    private final LongAdder ok = new LongAdder();
    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
    private final long started;
    private volatile boolean stopped;

    private OpenLoop(double rate, long total, int threads, int accepted, IntFunction<Http.Response> request) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("an open loop needs a rate above 0, not " + rate);
        }
        AtomicLong ticket = new AtomicLong();
        started = System.nanoTime() + 10_000_000;
        pool = Executors.newFixedThreadPool(threads);
        for (int c = 0; c < threads; c++) {
            int client = c;
            clients.add(pool.submit(() -> {
                ClosedLoop.Latencies latencies = new ClosedLoop.Latencies();
                for (long k = ticket.getAndIncrement(); k < total && !stopped; k = ticket.getAndIncrement()) {
                    long wait = started + (long) (k * 1e9 / rate) - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    if (!stopped) {
                        latencies.add(request.apply(client), accepted, ok, refused);
                    }
                }
                return latencies.arrays();
            }));
        }
    }

    /** {@code rate} requests a second for {@code seconds}; returns when the last one was answered. */
    static ClosedLoop.Result run(double rate, double seconds, int clients, int accepted, IntFunction<Http.Response> request)
            throws Exception {
        try (OpenLoop loop = new OpenLoop(rate, Math.max(1, Math.round(rate * seconds)), clients, accepted, request)) {
            return loop.await();
        }
    }

    /** {@code rate} requests a second in the background until {@link #stop()}. */
    static OpenLoop start(double rate, int clients, int accepted, IntFunction<Http.Response> request) {
        return new OpenLoop(rate, Long.MAX_VALUE, clients, accepted, request);
    }

    /** Sends nothing more, and returns once the requests under way were answered. */
    ClosedLoop.Result stop() throws Exception {
        stopped = true;
        return await();
    }

    private ClosedLoop.Result await() throws Exception {
        List<double[][]> perClient = new ArrayList<>();
        for (Future<double[][]> client : clients) {
            perClient.add(client.get());
        }
        return ClosedLoop.result((System.nanoTime() - started) / 1e9, ok, refused, perClient);
    }

    @Override
    public void close() {
        stopped = true;
        pool.shutdownNow();
    }
}
