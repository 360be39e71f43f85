package io.techex.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Where the CPU of one bid scenario went, per accepted bid (the floor's: per read): by process (/proc) over the
 * measured repetitions and, from one more repetition recorded with JFR, inside the exchange's process by stage (JFR
 * samples, {@link Stages}) and by the JVM's own threads (/proc), and what the request threads waited for. The samples
 * divide that repetition's Java threads' CPU time in proportion, so a stage's "ms CPU / request" is its share of the
 * samples times that time, over that repetition's accepted requests.
 *
 * @param recorded null when nothing was recorded ({@code -Dbench.jfr=false})
 */
record BidProfile(String id, String scenario, long accepted, CpuMeter.Usage usage, Recorded recorded) {

    /**
     * The repetition recorded with JFR, with its own rate and CPU: the recording costs the exchange CPU, so these are
     * not the measured repetitions' figures.
     */
    record Recorded(long accepted, double perSecond, CpuMeter.Usage usage, Breakdown.Result breakdown) {

        double perRequest(double ms) {
            return accepted == 0 ? Double.NaN : ms / accepted;
        }
    }

    private static final int TOP = 16;

    double perBid(double ms) {
        return accepted == 0 ? Double.NaN : ms / accepted;
    }

    /** CPU ms per accepted request of the recorded repetition by stage: the sampled stages, then the JVM's own threads. */
    Map<String, Double> stageMsPerBid() {
        Map<String, Double> ms = new LinkedHashMap<>();
        Breakdown.Result breakdown = recorded.breakdown();
        if (breakdown.samples() > 0) {
            double java = recorded.usage().javaThreadsMs();
            breakdown.stages().forEach((stage, n) -> ms.put(stage, recorded.perRequest(java * n / breakdown.samples())));
        }
        recorded.usage().jvm().forEach((kind, kindMs) -> ms.put(jvmLabel(kind), recorded.perRequest(kindMs)));
        return ms;
    }

    private static String jvmLabel(String kind) {
        return switch (kind) {
            case "GC" -> "JVM: garbage collection (/proc)";
            case "JIT" -> "JVM: JIT compilers (/proc)";
            case "JFR" -> "JVM: JFR, the recording itself (/proc)";
            default -> "JVM: VM thread, service threads (/proc)";
        };
    }

    static String markdown(List<BidProfile> profiles, int cores) {
        if (profiles.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("## Where a bid's CPU goes\n\n");
        md.append("Per accepted bid (the floor: per authenticated read), over the measured repetitions (closed loop, as in")
                .append(" the table above, not recorded); ")
                .append(cores).append(" cores. Processes from /proc (utime + stime):\n\n");
        header(md, "process", profiles, "ms CPU / request", "cores busy");
        process(md, "exchange (one JVM: 4 services, authorization server, Kafka broker)", profiles, u -> u.exchangeMs());
        // the JVM's own threads while nothing records: the recorded repetition's JIT time is partly the recording's
        // (starting JFR retransforms classes, and code compiled against them is compiled again)
        process(md, "of which its JIT compilers", profiles, u -> u.jvm().getOrDefault("JIT", 0.0));
        process(md, "of which its garbage collector", profiles, u -> u.jvm().getOrDefault("GC", 0.0));
        process(md, "PostgreSQL (this database's backends, background processes)", profiles, CpuMeter.Usage::postgresMs);
        process(md, "of which its background processes (checkpointer, WAL writer, background writer, postmaster)",
                profiles, CpuMeter.Usage::postgresBackgroundMs);
        process(md, "Redis (the whole server, shared)", profiles, CpuMeter.Usage::redisMs);
        process(md, "load generator (this JVM)", profiles, CpuMeter.Usage::loadGeneratorMs);
        process(md, "others on the machine", profiles, CpuMeter.Usage::othersMs);
        process(md, "**machine**", profiles, CpuMeter.Usage::machineMs);

        List<BidProfile> recorded = profiles.stream().filter(p -> p.recorded() != null).toList();
        if (!recorded.isEmpty()) {
            md.append("\nInside the exchange's process, by stage, from one more repetition after the measured ones,")
                    .append(" recorded with JFR: the recording costs the exchange CPU (every socket read is an event with")
                    .append(" its stack), so this repetition's rate and CPU are its own, beside the measured ones: ")
                    .append(String.join("; ", recorded.stream().map(p -> String.format(Locale.ROOT,
                            "%s %s/s and %s ms of the exchange's CPU a request recorded, %s ms unrecorded", p.id(),
                            Report.number(p.recorded().perSecond()),
                            Report.number(p.recorded().perRequest(p.recorded().usage().exchangeMs())),
                            Report.number(p.perBid(p.usage().exchangeMs())))).toList()))
                    .append(". A sample goes to the first stage in `Stages` any of its frames or its thread names; the")
                    .append(" JVM's own threads from /proc. Samples: ")
                    .append(String.join(", ", recorded.stream().map(p -> p.id() + " " + p.recorded().breakdown().samples()
                            + " " + p.recorded().breakdown().sampleEvent()).toList()))
                    .append("; recordings: ").append(String.join(", ", recorded.stream()
                            .map(p -> "`" + p.recorded().breakdown().file().getFileName() + "`").toList()))
                    .append(".\n\n");
            header(md, "stage", recorded, "% of samples", "ms CPU / request");
            Set<String> stages = new LinkedHashSet<>();
            recorded.forEach(p -> stages.addAll(p.stageMsPerBid().keySet()));
            List<String> order = new ArrayList<>(stages);
            order.sort((a, b) -> Double.compare(largest(recorded, b), largest(recorded, a)));
            for (String stage : order) {
                md.append("| ").append(stage);
                for (BidProfile p : recorded) {
                    Long n = p.recorded().breakdown().stages().get(stage);
                    Double ms = p.stageMsPerBid().get(stage);
                    md.append(" | ").append(n == null ? (ms == null ? "" : "—") : percent(n, p.recorded().breakdown().samples()))
                            .append(" | ").append(ms == null ? "" : Report.number(ms));
                }
                md.append(" |\n");
            }
            md.append("| **exchange, all**");
            recorded.forEach(p -> md.append(" | 100 % | ")
                    .append(Report.number(p.recorded().perRequest(p.recorded().usage().exchangeMs()))));
            md.append(" |\n");

            md.append("\nWhat the request threads waited for (wall time, JFR socket reads of any length, parks and")
                    .append(" monitor waits from 0.1 ms), per accepted bid or read:\n\n");
            header(md, "wait", recorded, "ms / request", "");
            Set<String> waits = new LinkedHashSet<>();
            recorded.forEach(p -> waits.addAll(top(p.recorded().breakdown().socketReads().keySet(), 6)));
            recorded.forEach(p -> waits.addAll(top(p.recorded().breakdown().parks().keySet(), 6)));
            for (String wait : waits) {
                md.append("| ").append(wait);
                for (BidProfile p : recorded) {
                    Breakdown.Result breakdown = p.recorded().breakdown();
                    Double ms = breakdown.socketReads().getOrDefault(wait, breakdown.parks().get(wait));
                    md.append(" | ").append(ms == null ? "" : Report.number(p.recorded().perRequest(ms)));
                }
                md.append(" |\n");
            }

            md.append("\nSamples by thread (numbers folded to #), the ").append(TOP).append(" busiest:\n\n");
            header(md, "thread", recorded, "% of samples", "");
            Set<String> threads = new LinkedHashSet<>();
            recorded.forEach(p -> threads.addAll(top(p.recorded().breakdown().threads().keySet(), TOP)));
            for (String thread : threads) {
                md.append("| ").append(thread.replace("|", "\\|"));
                for (BidProfile p : recorded) {
                    Long n = p.recorded().breakdown().threads().get(thread);
                    md.append(" | ").append(n == null ? "" : percent(n, p.recorded().breakdown().samples()));
                }
                md.append(" |\n");
            }
        }
        return md.toString();
    }

    private static double largest(List<BidProfile> profiles, String stage) {
        return profiles.stream().mapToDouble(p -> p.stageMsPerBid().getOrDefault(stage, 0.0)).max().orElse(0);
    }

    private static List<String> top(Set<String> keys, int n) {
        return keys.stream().limit(n).toList();
    }

    /** A column per profile for {@code a}, and another for {@code b} unless it is empty. */
    private static void header(StringBuilder md, String first, List<BidProfile> profiles, String a, String b) {
        md.append("| ").append(first);
        profiles.forEach(p -> md.append(" | ").append(p.id()).append(": ").append(a).append(b.isEmpty() ? "" : " | " + p.id() + ": " + b));
        md.append(" |\n|---");
        profiles.forEach(p -> md.append(b.isEmpty() ? "|---:" : "|---:|---:"));
        md.append("|\n");
    }

    private static void process(StringBuilder md, String name, List<BidProfile> profiles, Function<CpuMeter.Usage, Double> ms) {
        md.append("| ").append(name);
        for (BidProfile p : profiles) {
            double value = ms.apply(p.usage());
            md.append(" | ").append(Report.number(p.perBid(value))).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f", p.usage().cores(value)));
        }
        md.append(" |\n");
    }

    private static String percent(long n, long of) {
        return of == 0 ? "—" : String.format(Locale.ROOT, "%.1f %%", 100.0 * n / of);
    }
}
