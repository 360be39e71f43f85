package io.techex.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.DoubleStream;

/**
 * Placed bids over HTTP, on one hot auction and spread over many, each beside pgbench at the same client count: one
 * hot auction beside a single-row UPDATE of one hot row (one aggregate's commands are serialised, as that row's
 * updates are), many auctions beside a single-row INSERT. Two firms take turns by amount (odd amounts one firm, even
 * the other), and every bid is one more than the auction's last one sent, so each bid beats the last; under
 * contention a bid can still reach the auction after a higher one (409 bid-too-low) or race another on the event
 * store (409 concurrent-modification): both are completed requests, counted as refused.
 *
 * <p>Each measured repetition is also timed in CPU (/proc: the exchange's process, PostgreSQL, Redis, the load
 * generator) and, with {@code bench.jfr}, one more repetition is recorded with JFR in the exchange's process, so the
 * report can say where a bid's CPU goes. Then, at half the many auctions' saturating rate, an open loop: the latency
 * of an accepted bid, and the time from its 201 to its entry in audit-service's trail.
 */
final class BidScenario {

    /** The auctions a load bids on, and the last amount sent to each. */
    static final class BidLoad {
        private final Listings listings;
        private final List<String> auctions;
        private final AtomicLongArray lastAmount;

        BidLoad(Listings listings, List<String> auctions) {
            this.listings = listings;
            this.auctions = auctions;
            this.lastAmount = new AtomicLongArray(auctions.size());
            for (int i = 0; i < auctions.size(); i++) {
                lastAmount.set(i, 999);
            }
        }

        Http.Response bid(int client) {
            int a = anyAuction();
            long amount = lastAmount.incrementAndGet(a);
            return listings.bid(auctions.get(a), amount, amount % 2 == 0 ? Listings.FIRM : Listings.FOREIGN_FIRM);
        }

        /** A read of one of the auctions: the same HTTP stack and token check as a bid, no command, no Redis. */
        Http.Response read(int client) {
            return listings.auction(auctions.get(anyAuction()), client % 2 == 0 ? Listings.FIRM : Listings.FOREIGN_FIRM);
        }

        private int anyAuction() {
            return auctions.size() == 1 ? 0 : ThreadLocalRandom.current().nextInt(auctions.size());
        }

        int size() {
            return auctions.size();
        }
    }

    /** Bids at half the many auctions' saturating rate, for other scenarios to run under. */
    record HalfLoad(BidLoad load, double rate) {
    }

    private static final int WARM_UP_STEP_SECONDS = 5;
    private static final double QUIET_JIT_CORES = 0.05;

    private final Options options;
    private final ExchangeProcess exchange;
    private final Listings listings;
    private final Anchors anchors;
    private final MemorySampler memory;
    private final CpuMeter cpu;
    private final List<BidProfile> profiles = new ArrayList<>();
    private HalfLoad halfLoad;

    /** @param cpu null where there is no /proc */
    BidScenario(Options options, ExchangeProcess exchange, Listings listings, Anchors anchors, MemorySampler memory, CpuMeter cpu) {
        this.options = options;
        this.exchange = exchange;
        this.listings = listings;
        this.anchors = anchors;
        this.memory = memory;
        this.cpu = cpu;
    }

    List<Row> run() throws Exception {
        System.out.printf("bids: setting up 1 + %d auctions over HTTP%n", options.auctions());
        List<String> auctions = listings.auctions(1 + options.auctions());
        BidLoad hot = new BidLoad(listings, auctions.subList(0, 1));
        BidLoad many = new BidLoad(listings, auctions.subList(1, auctions.size()));
        List<Row> rows = new ArrayList<>();
        rows.addAll(measure("bids-hot", "placed bids, 1 hot auction", hot, Anchors.Statement.HOT_UPDATE));
        List<Row> manyRows = measure("bids-many", "placed bids, " + many.size() + " auctions", many, Anchors.Statement.INSERT);
        rows.addAll(manyRows);
        rows.addAll(floor(many, manyRows.getFirst()));
        double saturating = manyRows.getFirst().median();
        if (saturating > 0) {
            rows.add(trailAtSaturation(many));
            halfLoad = new HalfLoad(many, saturating / 2);
            rows.addAll(halfLoad(many, saturating));
        }
        return rows;
    }

    List<BidProfile> profiles() {
        return profiles;
    }

    Optional<HalfLoad> halfLoad() {
        return Optional.ofNullable(halfLoad);
    }

    private List<Row> measure(String id, String scenario, BidLoad load, Anchors.Statement anchor) throws Exception {
        int clients = options.clients();
        memory.underLoad(true);
        String warmedUp = warmUp(id, options.warmupSeconds(), 201, load::bid);
        memory.underLoad(false);
        List<Double> accepted = new ArrayList<>();
        List<Double> completed = new ArrayList<>();
        List<Double> repP99 = new ArrayList<>();
        List<double[]> latencies = new ArrayList<>();
        Map<String, Long> refused = new TreeMap<>();
        List<Double> pgTps = new ArrayList<>();
        List<Double> pgLatency = new ArrayList<>();
        List<Double> pgCpu = new ArrayList<>();
        List<Double> pgTotalCpu = new ArrayList<>();
        List<CpuMeter.Usage> usages = new ArrayList<>();
        List<Long> acceptedPerRep = new ArrayList<>();
        for (int rep = 0; rep < options.repetitions(); rep++) {
            memory.underLoad(true);
            CpuMeter.Window window = cpu == null ? null : cpu.start();
            ClosedLoop.Result result = ClosedLoop.run(clients, options.durationSeconds(), 201, load::bid);
            CpuMeter.Usage usage = cpu == null ? null : cpu.stop(window);
            memory.underLoad(false);
            if (usage != null) {
                usages.add(usage);
            }
            acceptedPerRep.add(result.accepted());
            accepted.add(result.acceptedPerSecond());
            completed.add(result.completedPerSecond());
            repP99.add(Stats.percentile(result.latenciesMs(), 99));
            latencies.add(result.latenciesMs());
            result.refused().forEach((k, v) -> refused.merge(k, v, Long::sum));
            Anchors.Pgbench pg = anchors.pgbench(anchor, clients, options.durationSeconds());
            pgTps.add(pg.tps());
            pgLatency.add(pg.latencyMs());
            pgCpu.add(pg.postgresCpuMsPerTx());
            pgTotalCpu.add(pg.totalCpuMsPerTx());
            System.out.printf("  %s rep %d: %.0f accepted/s, %.0f completed/s, p99 %.1f ms, refused %s%s; pgbench %s %.0f tps%n",
                    id, rep + 1, result.acceptedPerSecond(), result.completedPerSecond(), repP99.getLast(), result.refused(),
                    usage == null ? "" : String.format(", exchange %.1f ms CPU/bid (JIT %.1f)", usage.exchangeMs() / Math.max(1, result.accepted()),
                            usage.jvm().getOrDefault("JIT", 0.0) / Math.max(1, result.accepted())),
                    anchor.label, pg.tps());
        }
        long acceptedTotal = acceptedPerRep.stream().mapToLong(Long::longValue).sum();
        double[] all = latencies.stream().flatMapToDouble(DoubleStream::of).toArray();
        Row throughput = Row.of(id + "-throughput", scenario, "accepted bids/s", "1/s", clients,
                        Stats.median(accepted), Stats.percentile(accepted, 99), acceptedTotal, accepted)
                .anchor("pgbench " + anchor.label + " tps, -c " + clients, Stats.median(pgTps), Stats.percentile(pgTps, 99));
        String goal = anchor == Anchors.Statement.HOT_UPDATE ? "≥ 0.5 × pgbench hot-row UPDATE" : "≥ 0.5 × pgbench INSERT";
        throughput = throughput.goal(goal, throughput.ratio() != null && throughput.ratio() >= 0.5)
                .note("completed requests/s (accepted + refused) median " + Report.number(Stats.median(completed))
                        + (refused.isEmpty() ? "" : "; refused " + refused) + "; " + warmedUp);
        Row latency = Row.of(id + "-latency", scenario, "bid latency", "ms", clients,
                        Stats.median(all), Stats.percentile(all, 99), all.length, repP99)
                .anchor("pgbench average latency", Stats.median(pgLatency), Stats.percentile(pgLatency, 99));
        List<Row> rows = new ArrayList<>(List.of(throughput, latency));
        if (!usages.isEmpty()) {
            rows.addAll(cpuRows(id, scenario, clients, usages, acceptedPerRep, pgCpu, pgTotalCpu, anchor));
            CpuMeter.Usage total = usages.stream().reduce(CpuMeter.Usage.NONE, CpuMeter.Usage::plus);
            profiles.add(new BidProfile(id, scenario, acceptedTotal, total, recorded(id, 201, load::bid)));
        }
        return rows;
    }

    /**
     * Unmeasured load for at least {@code seconds}, then on in steps of {@value #WARM_UP_STEP_SECONDS} s while the
     * exchange's JIT compilers kept more than {@value #QUIET_JIT_CORES} of a core busy over the last step, for at most
     * {@code bench.warmup-max} seconds in all. One JVM holds four services, the authorization server and the broker:
     * after 40 s of bids on two cores its compilers still took 0.39 cores, 6.4 of 22.5 ms of the exchange's CPU per
     * bid on the hot auction, and 1.35 of 6.7 ms over the many auctions; after 150 s, 1.0-3.6 of 14.7-17.0 ms and at
     * most 0.6 of 3.2-4.5 ms, and the many auctions took 270-348 bids/s against 176-236 (2026-12-06). A deployed
     * exchange runs for days: the figures are meant to be its steady state, not its first minutes. Without /proc, just
     * {@code seconds}.
     *
     * @return how long it took and how busy the compilers were at its end, for the row's note
     */
    private String warmUp(String id, int seconds, int accepted, IntFunction<Http.Response> request) throws Exception {
        ClosedLoop.run(options.clients(), seconds, accepted, request);
        if (cpu == null || seconds + WARM_UP_STEP_SECONDS > options.warmupMaxSeconds()) {
            return "warm-up " + seconds + " s";
        }
        int elapsed = seconds;
        double jitCores;
        while (true) {
            CpuMeter.Window window = cpu.start();
            ClosedLoop.run(options.clients(), WARM_UP_STEP_SECONDS, accepted, request);
            CpuMeter.Usage step = cpu.stop(window);
            elapsed += WARM_UP_STEP_SECONDS;
            jitCores = step.cores(step.jvm().getOrDefault("JIT", 0.0));
            if (jitCores <= QUIET_JIT_CORES || elapsed + WARM_UP_STEP_SECONDS > options.warmupMaxSeconds()) {
                break;
            }
        }
        String warmedUp = String.format(java.util.Locale.ROOT, "warm-up %d s, the JIT compilers %.2f cores busy in its last %d s%s",
                elapsed, jitCores, WARM_UP_STEP_SECONDS, jitCores <= QUIET_JIT_CORES ? "" : " (bench.warmup-max reached)");
        System.out.printf("  %s: %s%n", id, warmedUp);
        return warmedUp;
    }

    /**
     * The floor under any bid: an authenticated read of one auction over the same HTTP stack (Tomcat, Spring Security's
     * token check, Spring MVC, JSON) with the same clients, beside the same pgbench INSERT. A bid is such a request
     * plus its command, its Idempotency-Key and its events, so it cannot go faster than this; where this alone is
     * below half of pgbench's rate, the bids' goal is out of reach of the HTTP layer before any event is stored.
     */
    private List<Row> floor(BidLoad many, Row bids) throws Exception {
        int clients = options.clients();
        // a path the bids did not take: the JIT needs longer than the bids' warm-up (reads/s still rose by half from
        // the first repetition to the third after 2 s)
        String warmedUp = warmUp("floor", Math.max(options.warmupSeconds(), 2 * options.durationSeconds()), 200, many::read);
        List<Double> rates = new ArrayList<>();
        List<Double> cpuPerRead = new ArrayList<>();
        long reads = 0;
        List<CpuMeter.Usage> usages = new ArrayList<>();
        for (int rep = 0; rep < options.repetitions(); rep++) {
            CpuMeter.Window window = cpu == null ? null : cpu.start();
            ClosedLoop.Result result = ClosedLoop.run(clients, options.durationSeconds(), 200, many::read);
            CpuMeter.Usage usage = cpu == null ? null : cpu.stop(window);
            if (result.accepted() != result.completed()) {
                throw new IllegalStateException("Reads of auctions answered other than 200: " + result.refused());
            }
            rates.add(result.acceptedPerSecond());
            reads += result.accepted();
            if (usage != null) {
                usages.add(usage);
                cpuPerRead.add(usage.exchangeMs() / Math.max(1, result.accepted()));
            }
            System.out.printf("  floor rep %d: %.0f authenticated reads/s, p99 %.1f ms%s%n", rep + 1, result.acceptedPerSecond(),
                    Stats.percentile(result.latenciesMs(), 99),
                    usage == null ? "" : String.format(java.util.Locale.ROOT, ", exchange %.2f ms CPU/read", cpuPerRead.getLast()));
        }
        String scenario = "floor: GET /auctions/{id}, authenticated, over the " + many.size() + " auctions";
        Row floor = Row.of("floor-throughput", scenario, "reads/s", "1/s", clients, Stats.median(rates),
                        Stats.percentile(rates, 99), reads, rates)
                .anchor(bids.anchor(), bids.anchorMedian(), bids.anchorP99())
                .note(String.format(java.util.Locale.ROOT, "the bids' goal (0.5 × pgbench INSERT) is %s bids/s; this request,"
                                + " without a command, an Idempotency-Key or an event, reached %s/s (%s of the goal); bids reached %s/s",
                        Report.number(bids.anchorMedian() / 2), Report.number(Stats.median(rates)),
                        Report.number(Stats.median(rates) / (bids.anchorMedian() / 2)), Report.number(bids.median())))
                .note(warmedUp);
        List<Row> rows = new ArrayList<>(List.of(floor));
        if (!cpuPerRead.isEmpty()) {
            rows.add(Row.of("floor-cpu", scenario, "CPU per read: exchange's process", "ms", clients, Stats.median(cpuPerRead),
                    Stats.percentile(cpuPerRead, 99), reads, cpuPerRead));
            profiles.add(new BidProfile("floor", scenario, reads,
                    usages.stream().reduce(CpuMeter.Usage.NONE, CpuMeter.Usage::plus), recorded("floor", 200, many::read)));
        }
        return rows;
    }

    /**
     * One more repetition after the measured ones, recorded with JFR, to say where the CPU goes; null with
     * {@code bench.jfr=false} or without /proc. It is not one of the measured repetitions: the recording (the
     * {@code profile} settings, and every socket read an event with its stack) costs the exchange CPU, about a fourth
     * more per bid over the many auctions and per read on two cores, so the table's rates and CPU are measured without
     * it, and the breakdown gives this repetition's own beside them.
     */
    private BidProfile.Recorded recorded(String id, int accepted, IntFunction<Http.Response> request) throws Exception {
        if (!options.jfr() || cpu == null) {
            return null;
        }
        Path recording = options.output().resolve(id + ".jfr");
        record Repetition(Breakdown.Window window, ClosedLoop.Result result, CpuMeter.Usage usage) {
        }
        Repetition repetition = exchange.recorded(recording, () -> {
            CpuMeter.Window cpuWindow = cpu.start();
            Instant from = Instant.now();
            ClosedLoop.Result result = ClosedLoop.run(options.clients(), options.durationSeconds(), accepted, request);
            Instant to = Instant.now();
            return new Repetition(new Breakdown.Window(from, to), result, cpu.stop(cpuWindow));
        });
        ClosedLoop.Result result = repetition.result();
        CpuMeter.Usage usage = repetition.usage();
        System.out.printf("  %s, one more repetition recorded with JFR: %.0f/s, exchange %.2f ms CPU/request%n", id,
                result.acceptedPerSecond(), usage.exchangeMs() / Math.max(1, result.accepted()));
        Breakdown.Result breakdown;
        try {
            breakdown = Breakdown.read(recording, List.of(repetition.window()), peers());
        } catch (Exception unreadable) {
            System.err.println("The recording " + recording + " could not be read: " + unreadable);
            return null;
        }
        return new BidProfile.Recorded(result.accepted(), result.acceptedPerSecond(), usage, breakdown);
    }

    private Map<Integer, String> peers() {
        Map<Integer, String> peers = new TreeMap<>();
        exchange.servicePorts().forEach((port, service) -> peers.put(port, service));
        peers.put(exchange.pgPort(), "PostgreSQL");
        peers.put(6379, "Redis");
        peers.put(exchange.brokerPort(), "Kafka broker");
        return peers;
    }

    /**
     * CPU ms per accepted bid, each repetition's time over its accepted bids. PostgreSQL's and the total's anchors
     * are the same per pgbench transaction (PostgreSQL's processes, and those plus pgbench itself).
     */
    private static List<Row> cpuRows(String id, String scenario, int clients, List<CpuMeter.Usage> usages, List<Long> accepted,
                                     List<Double> pgCpu, List<Double> pgTotalCpu, Anchors.Statement anchor) {
        List<Row> rows = new ArrayList<>();
        record Part(String key, String name, Function<CpuMeter.Usage, Double> ms) {
        }
        List<Part> parts = List.of(
                new Part("exchange", "exchange's process", CpuMeter.Usage::exchangeMs),
                new Part("postgres", "PostgreSQL", CpuMeter.Usage::postgresMs),
                new Part("redis", "Redis (whole server)", CpuMeter.Usage::redisMs),
                new Part("loadgen", "load generator", CpuMeter.Usage::loadGeneratorMs),
                new Part("total", "all four", u -> u.exchangeMs() + u.postgresMs() + u.redisMs() + u.loadGeneratorMs()));
        for (Part part : parts) {
            List<Double> perBid = new ArrayList<>();
            for (int i = 0; i < usages.size(); i++) {
                perBid.add(accepted.get(i) == 0 ? Double.NaN : part.ms().apply(usages.get(i)) / accepted.get(i));
            }
            Row row = Row.of(id + "-cpu-" + part.key(), scenario, "CPU per accepted bid: " + part.name(), "ms", clients,
                    Stats.median(perBid), Stats.percentile(perBid, 99), accepted.stream().mapToLong(Long::longValue).sum(), perBid);
            if (part.key().equals("postgres")) {
                row = row.anchor("PostgreSQL CPU per pgbench " + anchor.label, Stats.median(pgCpu), Stats.percentile(pgCpu, 99));
            } else if (part.key().equals("total")) {
                row = row.anchor("PostgreSQL + pgbench CPU per pgbench transaction", Stats.median(pgTotalCpu),
                        Stats.percentile(pgTotalCpu, 99));
            } else if (part.key().equals("exchange")) {
                double wall = usages.stream().mapToDouble(CpuMeter.Usage::wallMs).sum();
                double busy = usages.stream().mapToDouble(u -> u.exchangeMs()).sum();
                double machine = usages.stream().mapToDouble(CpuMeter.Usage::machineMs).sum();
                double others = usages.stream().mapToDouble(CpuMeter.Usage::othersMs).sum();
                row = row.note(String.format(java.util.Locale.ROOT, "exchange %.2f cores busy, machine %.2f, of which other"
                        + " tenants' processes %.2f", busy / wall, machine / wall, others / wall));
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * Whether audit-service keeps up with the exchange at its most: the many auctions' closed loop again, once more
     * after the measured repetitions (the watch's polls would cost them PostgreSQL time), with every accepted bid
     * followed to its BidPlaced in the trail. A trail slower than the relay would fall behind for the whole run:
     * its lag would grow from the first half to the second, and the last bids would reach the trail long after the
     * load stopped. So the row gives the lag, each half's p99, and how long after the load's end the trail held
     * every bid.
     */
    private Row trailAtSaturation(BidLoad many) throws Exception {
        LagTracker trail = new LagTracker();
        java.util.concurrent.atomic.AtomicLong half = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
        List<Double> firstHalf = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Double> secondHalf = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.Map<String, Long> acceptedAt = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.function.IntFunction<Http.Response> bid = client -> {
            Http.Response response = many.bid(client);
            if (response.status() == 201) {
                String bidId = response.json().path("bidId").asText();
                long now = System.nanoTime();
                acceptedAt.put(bidId, now);
                trail.accepted(bidId, now);
            }
            return response;
        };
        ClosedLoop.Result result;
        boolean drained;
        long drainedAfterNanos;
        try (TrailWatch watch = new TrailWatch(exchange, (asset, type, bidId, nanos) -> {
            if (bidId != null) {
                Long sent = acceptedAt.get(bidId);
                if (sent != null) {
                    (sent < half.get() ? firstHalf : secondHalf).add((nanos - sent) / 1e6);
                }
                trail.seen(bidId, nanos);
            }
        })) {
            half.set(System.nanoTime() + (long) (options.durationSeconds() * 1e9 / 2));
            result = ClosedLoop.run(options.clients(), options.durationSeconds(), 201, bid);
            long loadEnded = System.nanoTime();
            drained = trail.awaitDrained(30_000);
            drainedAfterNanos = System.nanoTime() - loadEnded;
        }
        List<Double> lags = trail.lagsMs();
        double firstP99 = Stats.percentile(firstHalf, 99);
        double secondP99 = Stats.percentile(secondHalf, 99);
        double drainedAfterMs = drainedAfterNanos / 1e6;
        System.out.printf("  saturating load with the trail watched: %.0f accepted/s; bid → audit trail p50 %.1f p99 %.1f ms"
                        + " (first half p99 %.1f, second %.1f); every bid in the trail %.0f ms after the load ended%s%n",
                result.acceptedPerSecond(), Stats.median(lags), Stats.percentile(lags, 99), firstP99, secondP99, drainedAfterMs,
                drained ? "" : " (some never arrived)");
        String scenario = "placed bids at saturating load, closed loop over " + many.size() + " auctions, the trail watched";
        Row row = Row.of("bids-saturated-trail", scenario, "201 → BidPlaced in audit trail", "ms", options.clients(),
                Stats.median(lags), Stats.percentile(lags, 99), lags.size(), List.of(firstP99, secondP99));
        boolean keptUp = drained && drainedAfterMs <= 1_000;
        return row.goal("audit keeps up with the relays at their maximum (no unbounded lag)", keptUp)
                .note(String.format(java.util.Locale.ROOT, "%s accepted bids/s meanwhile; per repetition: the run's first and second"
                                + " half's p99; every bid in the trail %s ms after the load ended (met: all, within 1 s)%s",
                        Report.number(result.acceptedPerSecond()), Report.number(drainedAfterMs),
                        drained ? "" : "; " + trail.outstanding() + " bids not in the trail within 30 s"));
    }

    /**
     * Open loop at half the saturating rate over the many auctions: every accepted bid's latency, and the time from
     * its 201 to its BidPlaced in audit-service's trail (relay, Kafka, audit's consumer, matched by bid id).
     */
    private List<Row> halfLoad(BidLoad many, double saturating) throws Exception {
        double rate = saturating / 2;
        LagTracker trail = new LagTracker();
        java.util.function.IntFunction<Http.Response> bid = client -> {
            Http.Response response = many.bid(client);
            if (response.status() == 201) {
                trail.accepted(response.json().path("bidId").asText(), System.nanoTime());
            }
            return response;
        };
        List<Double> acceptedLatencies = new ArrayList<>();
        List<Double> lags = new ArrayList<>();
        List<Double> latencyRepP99 = new ArrayList<>();
        List<Double> lagRepP99 = new ArrayList<>();
        Map<String, Long> refused = new TreeMap<>();
        String recordedHalf = null;
        long sent = 0;
        long due = 0;
        int missing = 0;
        try (TrailWatch watch = new TrailWatch(exchange, (asset, type, bidId, nanos) -> {
            if (bidId != null) {
                trail.seen(bidId, nanos);
            }
        })) {
            for (int rep = 0; rep < options.repetitions(); rep++) {
                trail.reset();
                ClosedLoop.Result result = OpenLoop.run(rate, options.durationSeconds(), options.clients(), 201, bid);
                boolean drained = trail.awaitDrained(30_000);
                missing += trail.outstanding();
                sent += result.completed();
                due += Math.round(rate * options.durationSeconds());
                result.refused().forEach((k, v) -> refused.merge(k, v, Long::sum));
                for (double ms : result.acceptedLatenciesMs()) {
                    acceptedLatencies.add(ms);
                }
                lags.addAll(trail.lagsMs());
                latencyRepP99.add(Stats.percentile(result.acceptedLatenciesMs(), 99));
                lagRepP99.add(Stats.percentile(trail.lagsMs(), 99));
                System.out.printf("  half load rep %d at %.0f bids/s: accepted bid p50 %.1f p99 %.1f ms; bid → audit trail p50 %.1f"
                                + " p99 %.1f ms%s%n", rep + 1, rate, Stats.median(result.acceptedLatenciesMs()), latencyRepP99.getLast(),
                        Stats.median(trail.lagsMs()), lagRepP99.getLast(), drained ? "" : " (some never arrived)");
            }
            if (options.jfr()) {
                // to see what the slowest bids waited for (every socket read, parks and monitor waits from 0.1 ms, GC
                // pauses, with their threads and times), not measured: the recording costs CPU
                Path file = options.output().resolve("bids-half.jfr");
                ClosedLoop.Result result = exchange.recorded(file,
                        () -> OpenLoop.run(rate, options.durationSeconds(), options.clients(), 201, bid));
                recordedHalf = String.format(java.util.Locale.ROOT, "one more repetition recorded with JFR (%s): accepted"
                                + " bid p50 %.1f p99 %.1f ms", file.getFileName(), Stats.median(result.acceptedLatenciesMs()),
                        Stats.percentile(result.acceptedLatenciesMs(), 99));
                trail.awaitDrained(30_000);
            }
        }
        String scenario = "placed bids at half load, " + Report.number(rate) + " bids/s (half of " + Report.number(saturating)
                + ") over " + many.size() + " auctions";
        Row latency = Row.of("bids-half-latency", scenario, "accepted bid latency", "ms", options.clients(),
                Stats.median(acceptedLatencies), Stats.percentile(acceptedLatencies, 99), acceptedLatencies.size(), latencyRepP99);
        latency = latency.goal("p99 ≤ 20 ms", latency.p99() <= 20)
                .note("open loop; " + sent + " of " + due + " bids due were sent" + (refused.isEmpty() ? "" : "; refused " + refused)
                        + (recordedHalf == null ? "" : "; " + recordedHalf));
        Row lag = Row.of("bids-half-trail", scenario, "201 → BidPlaced in audit trail", "ms", options.clients(),
                Stats.median(lags), Stats.percentile(lags, 99), lags.size(), lagRepP99);
        lag = lag.goal("p99 ≤ 100 ms", missing == 0 && lag.p99() <= 100);
        if (missing > 0) {
            lag = lag.note(missing + " bids not in the trail within 30 s");
        }
        return List.of(latency, lag);
    }
}
