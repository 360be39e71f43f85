package io.techex.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * A bounded closed-loop load: {@code clients} threads, each sending its next request as soon as the previous one
 * was answered, for a fixed time. Every answer counts as a completed request; which ones are "accepted" the caller
 * says by status.
 */
final class ClosedLoop {

    /** What one run did: answers by outcome, and every request's latency in milliseconds. */
    record Result(double seconds, long completed, long accepted, Map<String, Long> refused, double[] latenciesMs) {
        double completedPerSecond() {
            return completed / seconds;
        }

        double acceptedPerSecond() {
            return accepted / seconds;
        }
    }

    private ClosedLoop() {
    }

    /**
     * @param request  sends one request for client {@code i} and returns its answer
     * @param accepted the status that counts as accepted (e.g. 201)
     */
    static Result run(int clients, double seconds, int accepted, IntFunction<Http.Response> request) throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        LongAdder ok = new LongAdder();
        Map<String, LongAdder> refused = new ConcurrentHashMap<>();
        List<double[]> perClient = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        long started;
        long ended;
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<double[]>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    double[] latencies = new double[1024];
                    int n = 0;
                    go.await();
                    while (System.nanoTime() < deadline) {
                        Http.Response response = request.apply(client);
                        if (n == latencies.length) {
                            latencies = java.util.Arrays.copyOf(latencies, n * 2);
                        }
                        latencies[n++] = response.nanos() / 1e6;
                        if (response.status() == accepted) {
                            ok.increment();
                        } else {
                            refused.computeIfAbsent(response.problem(), k -> new LongAdder()).increment();
                        }
                    }
                    return java.util.Arrays.copyOf(latencies, n);
                }));
            }
            started = System.nanoTime();
            go.countDown();
            for (Future<double[]> future : futures) {
                perClient.add(future.get());
            }
            ended = System.nanoTime();
        }
        double[] all = perClient.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
        Map<String, Long> refusals = new TreeMap<>();
        refused.forEach((k, v) -> refusals.put(k, v.sum()));
        // the last requests end after the deadline: the run lasted until the last answer
        return new Result((ended - started) / 1e9, all.length, ok.sum(), refusals, all);
    }
}
