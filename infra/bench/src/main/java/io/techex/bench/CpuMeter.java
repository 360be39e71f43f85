package io.techex.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CPU time, from /proc, of everything a measured load keeps busy: the exchange's process (and within it the JVM's
 * own threads: garbage collection, the JIT compilers, JFR, the VM thread), PostgreSQL, Redis, the load generator
 * (this process) and the processes it ran and waited for (pgbench), and the whole machine, so that what the
 * machine's other tenants took shows too.
 *
 * <p>PostgreSQL is its processes serving this run's database (pg_stat_activity's {@code datname}) plus the server's
 * background processes (no {@code datname}: WAL writer, checkpointer, background writer) and the postmaster, not other
 * databases' backends; the background processes' and the postmaster's share is also given alone, since they work for
 * every database and for what earlier loads left behind (dirty buffers, WAL), not for the statements of the window.
 * They are looked at every 100 ms while a window is open, so that a backend that comes and goes within it (pgbench's)
 * counts up to its last look. Redis is every {@code redis-server} process of the machine: it is
 * shared, and its figure includes whoever else uses it.
 */
final class CpuMeter implements AutoCloseable {

    /** CPU milliseconds of one window (or several added up); {@code jvm} splits the exchange's by the JVM's own threads. */
    record Usage(double wallMs, double exchangeMs, Map<String, Double> jvm, double postgresMs,
                 double postgresBackgroundMs, double redisMs, double loadGeneratorMs, double childrenMs, double machineMs) {

        static final Usage NONE = new Usage(0, 0, Map.of(), 0, 0, 0, 0, 0, 0);

        Usage plus(Usage other) {
            Map<String, Double> both = new LinkedHashMap<>(jvm);
            other.jvm.forEach((k, v) -> both.merge(k, v, Double::sum));
            return new Usage(wallMs + other.wallMs, exchangeMs + other.exchangeMs, both, postgresMs + other.postgresMs,
                    postgresBackgroundMs + other.postgresBackgroundMs, redisMs + other.redisMs,
                    loadGeneratorMs + other.loadGeneratorMs, childrenMs + other.childrenMs,
                    machineMs + other.machineMs);
        }

        /** What the exchange's Java threads used: its whole time less the JVM's own threads'. */
        double javaThreadsMs() {
            return exchangeMs - jvm.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** Cores kept busy on average, of {@code ms} over the window. */
        double cores(double ms) {
            return wallMs == 0 ? Double.NaN : ms / wallMs;
        }

        double othersMs() {
            return machineMs - exchangeMs - postgresMs - redisMs - loadGeneratorMs - childrenMs;
        }
    }

    /** The readings at a window's start. */
    record Window(long nanos, long exchange, Map<Long, ProcFs.ThreadTicks> threads, long redis, long self, long children,
                  long machine) {
    }

    private static final long SELF = ProcessHandle.current().pid();

    private final long exchangePid;
    private final List<Long> redis = ProcFs.processesNamed("redis-server");
    private final Connection connection;
    private final PreparedStatement serverPids;
    private final Map<Long, Long> pgBase = new HashMap<>();
    private final Map<Long, Long> pgLast = new HashMap<>();
    private final Set<Long> pgBackground = new HashSet<>();
    private final Thread poller;
    private volatile boolean open;
    private volatile boolean closed;

    CpuMeter(ExchangeProcess exchange) throws SQLException {
        this.exchangePid = exchange.pid();
        this.connection = exchange.connect();
        this.serverPids = connection.prepareStatement("""
                SELECT pid, backend_type <> 'client backend' FROM pg_stat_activity
                 WHERE datname = current_database() OR datname IS NULL
                UNION SELECT pg_backend_pid(), false""");
        this.poller = Thread.ofPlatform().daemon().name("bench-cpu-postgres").start(() -> {
            while (!closed) {
                if (open) {
                    pollPostgres();
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    synchronized Window start() {
        pgBase.clear();
        pgLast.clear();
        pgBackground.clear();
        for (long pid : postgresPids()) {
            long ticks = ProcFs.ticks(pid);
            if (ticks >= 0) {
                pgBase.put(pid, ticks);
                pgLast.put(pid, ticks);
            }
        }
        open = true;
        return new Window(System.nanoTime(), ProcFs.ticks(exchangePid), ProcFs.threads(exchangePid), redisTicks(),
                ProcFs.ticks(SELF), ProcFs.childrenTicks(SELF), ProcFs.machineBusyTicks());
    }

    synchronized Usage stop(Window window) {
        long nanos = System.nanoTime();
        long exchange = ProcFs.ticks(exchangePid);
        Map<Long, ProcFs.ThreadTicks> threads = ProcFs.threads(exchangePid);
        long redisNow = redisTicks();
        long self = ProcFs.ticks(SELF);
        long children = ProcFs.childrenTicks(SELF);
        long machine = ProcFs.machineBusyTicks();
        pollPostgres();
        open = false;
        long postgres = 0;
        long postgresBackground = 0;
        for (var last : pgLast.entrySet()) {
            long delta = last.getValue() - pgBase.getOrDefault(last.getKey(), 0L);
            postgres += delta;
            if (pgBackground.contains(last.getKey())) {
                postgresBackground += delta;
            }
        }
        Map<String, Double> jvm = new LinkedHashMap<>();
        threads.forEach((tid, now) -> {
            String kind = Stages.jvmThreadKind(now.name());
            if (kind != null) {
                ProcFs.ThreadTicks before = window.threads().get(tid);
                long delta = now.ticks() - (before == null ? 0 : before.ticks());
                jvm.merge(kind, ProcFs.ticksToMs(delta), Double::sum);
            }
        });
        return new Usage((nanos - window.nanos()) / 1e6, ProcFs.ticksToMs(exchange - window.exchange()), jvm,
                ProcFs.ticksToMs(postgres), ProcFs.ticksToMs(postgresBackground), ProcFs.ticksToMs(redisNow - window.redis()),
                ProcFs.ticksToMs(self - window.self()),
                ProcFs.ticksToMs(children - window.children()), ProcFs.ticksToMs(machine - window.machine()));
    }

    private synchronized void pollPostgres() {
        if (!open) {
            return;
        }
        for (long pid : postgresPids()) {
            long ticks = ProcFs.ticks(pid);
            if (ticks >= 0) {
                // a backend first seen now began after the window opened: all of its time is the window's
                pgLast.put(pid, ticks);
            }
        }
    }

    private List<Long> postgresPids() {
        List<Long> pids = new java.util.ArrayList<>();
        try (ResultSet rows = serverPids.executeQuery()) {
            while (rows.next()) {
                pids.add(rows.getLong(1));
                if (rows.getBoolean(2)) {
                    pgBackground.add(rows.getLong(1));
                }
            }
        } catch (SQLException e) {
            return pids;
        }
        if (!pids.isEmpty()) {
            long postmaster = ProcFs.parent(pids.getLast());
            if (postmaster > 1) {
                pids.add(postmaster);
                pgBackground.add(postmaster);
            }
        }
        return pids;
    }

    private long redisTicks() {
        return redis.stream().mapToLong(ProcFs::ticks).filter(t -> t >= 0).sum();
    }

    @Override
    public void close() {
        closed = true;
        poller.interrupt();
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the database is dropped next anyway
        }
    }
}
