package io.techex.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.DoubleStream;

/**
 * Placed bids over HTTP, on one hot auction and spread over many, next to pgbench's single-row inserts at the same
 * client count. Two firms take turns by amount (odd amounts one firm, even the other), and every bid is one more
 * than the auction's last one sent, so each bid beats the last; under contention a bid can still reach the auction
 * after a higher one (409 bid-too-low) or race another on the event store (409 concurrent-modification): both are
 * completed requests, counted as refused.
 */
final class BidScenario {

    private final Options options;
    private final Listings listings;
    private final Anchors anchors;
    private final MemorySampler memory;

    BidScenario(Options options, Listings listings, Anchors anchors, MemorySampler memory) {
        this.options = options;
        this.listings = listings;
        this.anchors = anchors;
        this.memory = memory;
    }

    List<Row> run() throws Exception {
        System.out.printf("bids: setting up 1 + %d auctions over HTTP%n", options.auctions());
        List<String> auctions = listings.auctions(1 + options.auctions());
        List<String> hot = auctions.subList(0, 1);
        List<String> many = auctions.subList(1, auctions.size());
        List<Row> rows = new ArrayList<>();
        rows.addAll(measure("bids-hot", "placed bids, 1 hot auction", hot));
        rows.addAll(measure("bids-many", "placed bids, " + many.size() + " auctions", many));
        return rows;
    }

    private List<Row> measure(String id, String scenario, List<String> auctions) throws Exception {
        int clients = options.clients();
        AtomicLongArray lastAmount = new AtomicLongArray(auctions.size());
        for (int i = 0; i < auctions.size(); i++) {
            lastAmount.set(i, 999);
        }
        java.util.function.IntFunction<Http.Response> bid = client -> {
            int a = auctions.size() == 1 ? 0 : ThreadLocalRandom.current().nextInt(auctions.size());
            long amount = lastAmount.incrementAndGet(a);
            return listings.bid(auctions.get(a), amount, amount % 2 == 0 ? Listings.FIRM : Listings.FOREIGN_FIRM);
        };
        memory.underLoad(true);
        ClosedLoop.run(clients, options.warmupSeconds(), 201, bid);
        List<Double> accepted = new ArrayList<>();
        List<Double> completed = new ArrayList<>();
        List<Double> repP99 = new ArrayList<>();
        List<double[]> latencies = new ArrayList<>();
        Map<String, Long> refused = new TreeMap<>();
        List<Double> pgTps = new ArrayList<>();
        List<Double> pgLatency = new ArrayList<>();
        long acceptedTotal = 0;
        for (int rep = 0; rep < options.repetitions(); rep++) {
            memory.underLoad(true);
            ClosedLoop.Result result = ClosedLoop.run(clients, options.durationSeconds(), 201, bid);
            memory.underLoad(false);
            accepted.add(result.acceptedPerSecond());
            completed.add(result.completedPerSecond());
            repP99.add(Stats.percentile(result.latenciesMs(), 99));
            latencies.add(result.latenciesMs());
            acceptedTotal += result.accepted();
            result.refused().forEach((k, v) -> refused.merge(k, v, Long::sum));
            Anchors.Pgbench pg = anchors.pgbench(clients, options.durationSeconds());
            pgTps.add(pg.tps());
            pgLatency.add(pg.latencyMs());
            System.out.printf("  %s rep %d: %.0f accepted/s, %.0f completed/s, p99 %.1f ms, refused %s; pgbench %.0f tps%n",
                    id, rep + 1, result.acceptedPerSecond(), result.completedPerSecond(), repP99.getLast(), result.refused(), pg.tps());
        }
        double[] all = latencies.stream().flatMapToDouble(DoubleStream::of).toArray();
        double pgMedian = Stats.median(pgTps);
        Row throughput = Row.of(id + "-throughput", scenario, "accepted bids/s", "1/s", clients,
                        Stats.median(accepted), Stats.percentile(accepted, 99), acceptedTotal, accepted)
                .anchor("pgbench single-row INSERT tps, -c " + clients, pgMedian, Stats.percentile(pgTps, 99));
        throughput = throughput.goal("≥ 0.5 × pgbench", throughput.ratio() != null && throughput.ratio() >= 0.5)
                .note("completed requests/s (accepted + refused) median " + Report.number(Stats.median(completed))
                        + (refused.isEmpty() ? "" : "; refused " + refused));
        Row latency = Row.of(id + "-latency", scenario, "bid latency", "ms", clients,
                        Stats.median(all), Stats.percentile(all, 99), all.length, repP99)
                .anchor("pgbench average latency", Stats.median(pgLatency), Stats.percentile(pgLatency, 99));
        return List.of(throughput, latency);
    }
}
