package io.techex.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples, every {@code periodMs} while a load is on, the heap in use (MemoryMXBean) and the resident set size of
 * this process (VmRSS in /proc/self/status): the whole exchange, broker included, plus the load generator's threads.
 */
final class MemorySampler implements AutoCloseable {

    private final List<Double> heapMb = new ArrayList<>();
    private final List<Double> rssMb = new ArrayList<>();
    private final Thread thread;
    private volatile boolean underLoad;
    private volatile boolean running = true;

    MemorySampler(long periodMs) {
        thread = Thread.ofPlatform().daemon().name("bench-memory").start(() -> {
            while (running) {
                if (underLoad) {
                    sample();
                }
                try {
                    Thread.sleep(periodMs);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    void underLoad(boolean on) {
        underLoad = on;
    }

    private synchronized void sample() {
        heapMb.add(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0);
        double rss = rssKb();
        if (!Double.isNaN(rss)) {
            rssMb.add(rss / 1024);
        }
    }

    synchronized List<Double> heapMb() {
        return List.copyOf(heapMb);
    }

    synchronized List<Double> rssMb() {
        return List.copyOf(rssMb);
    }

    static double rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Double.parseDouble(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException noProcfs) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    static double heapMaxMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / 1048576.0;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
