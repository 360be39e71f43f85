package io.techex.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Samples, every {@code periodMs} while a load is on, the exchange's process: its heap in use (asked over the
 * control channel) and its resident set size (VmRSS in /proc/&lt;pid&gt;/status), broker included; and, for
 * comparison, the load generator's own resident set.
 */
final class MemorySampler implements AutoCloseable {

    private final ExchangeProcess exchange;
    private final List<Double> heapMb = new ArrayList<>();
    private final List<Double> rssMb = new ArrayList<>();
    private final List<Double> loadGeneratorRssMb = new ArrayList<>();
    private final Thread thread;
    private volatile double heapMaxMb = Double.NaN;
    private volatile boolean underLoad;
    private volatile boolean running = true;

    MemorySampler(ExchangeProcess exchange, long periodMs) {
        this.exchange = exchange;
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

    private void sample() {
        long[] heap;
        try {
            heap = exchange.heap();
        } catch (RuntimeException stopping) {
            return;
        }
        double rss = ProcFs.rssMb(exchange.pid());
        double own = ProcFs.rssMb(ProcessHandle.current().pid());
        synchronized (this) {
            heapMb.add(heap[0] / 1048576.0);
            heapMaxMb = heap[1] / 1048576.0;
            if (!Double.isNaN(rss)) {
                rssMb.add(rss);
            }
            if (!Double.isNaN(own)) {
                loadGeneratorRssMb.add(own);
            }
        }
    }

    synchronized List<Double> heapMb() {
        return List.copyOf(heapMb);
    }

    synchronized List<Double> rssMb() {
        return List.copyOf(rssMb);
    }

    synchronized List<Double> loadGeneratorRssMb() {
        return List.copyOf(loadGeneratorRssMb);
    }

    double heapMaxMb() {
        return heapMaxMb;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
