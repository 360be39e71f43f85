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

    /** What one run did: answers by outcome, every request's latency in milliseconds, and the accepted ones' alone. */
    record Result(double seconds, long completed, long accepted, Map<String, Long> refused, double[] latenciesMs,
                  double[] acceptedLatenciesMs) {
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
        List<double[][]> perClient = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        long started;
        long ended;
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<double[][]>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    Latencies latencies = new Latencies();
                    go.await();
                    while (System.nanoTime() < deadline) {
                        latencies.add(request.apply(client), accepted, ok, refused);
                    }
                    return latencies.arrays();
                }));
            }
            started = System.nanoTime();
            go.countDown();
            for (Future<double[][]> future : futures) {
                perClient.add(future.get());
            }
            ended = System.nanoTime();
        }
        // the last requests end after the deadline: the run lasted until the last answer
        return result((ended - started) / 1e9, ok, refused, perClient);
    }

    static Result result(double seconds, LongAdder ok, Map<String, LongAdder> refused, List<double[][]> perClient) {
        double[] all = perClient.stream().flatMapToDouble(c -> java.util.Arrays.stream(c[0])).toArray();
        double[] acceptedOnly = perClient.stream().flatMapToDouble(c -> java.util.Arrays.stream(c[1])).toArray();
        Map<String, Long> refusals = new TreeMap<>();
        refused.forEach((k, v) -> refusals.put(k, v.sum()));
        return new Result(seconds, all.length, ok.sum(), refusals, all, acceptedOnly);
    }

    /** One client's latencies: of every answer, and of the accepted ones. */
    static final class Latencies {
        private double[] all = new double[1024];
        private double[] accepted = new double[1024];
        private int n;
        private int a;

        void add(Http.Response response, int acceptedStatus, LongAdder ok, Map<String, LongAdder> refused) {
            double ms = response.nanos() / 1e6;
            if (n == all.length) {
                all = java.util.Arrays.copyOf(all, n * 2);
            }
            all[n++] = ms;
            if (response.status() == acceptedStatus) {
                ok.increment();
                if (a == accepted.length) {
                    accepted = java.util.Arrays.copyOf(accepted, a * 2);
                }
                accepted[a++] = ms;
            } else {
                refused.computeIfAbsent(response.problem(), k -> new LongAdder()).increment();
            }
        }

        double[][] arrays() {
            return new double[][]{java.util.Arrays.copyOf(all, n), java.util.Arrays.copyOf(accepted, a)};
        }
    }
}
