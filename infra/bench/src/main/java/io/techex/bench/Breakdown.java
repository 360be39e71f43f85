package io.techex.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JFR recording of the exchange's process summarised over the measured windows (the recording also holds the
 * warm-up's end and the anchors run between repetitions, which are left out): CPU samples counted by stage
 * ({@link Stages}) and by thread, and what the HTTP request threads waited for (socket reads by peer, parks by where).
 *
 * <p>CPU samples are {@code jdk.CPUTimeSample} where the JVM has them (JDK 25 on Linux: a sample per 10 ms of a
 * thread's CPU time, native code included), else {@code jdk.ExecutionSample} (threads running Java code, every
 * 10 ms), which misses CPU spent in native code such as socket writes.
 */
final class Breakdown {

    /** When a measured repetition ran. */
    record Window(Instant start, Instant end) {
        boolean holds(Instant at) {
            return !at.isBefore(start) && !at.isAfter(end);
        }
    }

    /**
     * @param stages      samples by stage, most first
     * @param threads     samples by thread (numbers folded to #), most first
     * @param socketReads ms the request threads spent in socket reads, by peer
     * @param parks       ms the request threads spent parked or blocked on a monitor, by where
     */
    record Result(Path file, String sampleEvent, long samples, Map<String, Long> stages, Map<String, Long> threads,
                  Map<String, Double> socketReads, Map<String, Double> parks) {
    }

    static final String CPU_TIME_SAMPLE = "jdk.CPUTimeSample";
    static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";

    /** Tomcat names its threads after the address and the port, "auto-N" for a port chosen at start (the bench's). */
    private static final Pattern HTTP_THREAD = Pattern.compile("^http-nio-[\\d.:\\[\\]a-f]+-(?:auto-)?\\d+-");

    private Breakdown() {
    }

    /** @param peers remote port → what listens there (PostgreSQL, Redis, the broker, the services) */
    static Result read(Path file, List<Window> windows, Map<Integer, String> peers) throws IOException {
        Map<String, List<RecordedEvent>> samples = new HashMap<>();
        Map<String, Double> reads = new HashMap<>();
        Map<String, Double> parks = new HashMap<>();
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                String type = event.getEventType().getName();
                if (!windows.stream().anyMatch(w -> w.holds(event.getStartTime()))) {
                    continue;
                }
                switch (type) {
                    case CPU_TIME_SAMPLE, EXECUTION_SAMPLE -> samples.computeIfAbsent(type, k -> new ArrayList<>()).add(event);
                    case "jdk.SocketRead" -> {
                        if (isRequestThread(event.getThread())) {
                            String peer = peers.getOrDefault(event.getInt("port"), "other (clients, …)");
                            reads.merge("socket read: " + peer, event.getDuration().toNanos() / 1e6, Double::sum);
                        }
                    }
                    case "jdk.ThreadPark", "jdk.JavaMonitorEnter" -> {
                        if (isRequestThread(event.getThread()) && !idle(event.getStackTrace())) {
                            String what = type.equals("jdk.ThreadPark") ? "parked: " : "monitor: ";
                            parks.merge(what + site(event.getStackTrace()), event.getDuration().toNanos() / 1e6, Double::sum);
                        }
                    }
                    default -> {
                        // the rest of the profile is in the file for a look with JDK Mission Control or `jfr print`
                    }
                }
            }
        }
        String used = samples.containsKey(CPU_TIME_SAMPLE) ? CPU_TIME_SAMPLE : EXECUTION_SAMPLE;
        Map<String, Long> stages = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        long counted = 0;
        for (RecordedEvent sample : samples.getOrDefault(used, List.of())) {
            RecordedThread thread = used.equals(CPU_TIME_SAMPLE) ? sample.getThread("eventThread") : sample.getThread("sampledThread");
            String name = thread == null || thread.getJavaName() == null ? "" : thread.getJavaName();
            if (Stages.jvmThreadKind(name.length() > 15 ? name.substring(0, 15) : name) != null) {
                continue; // the JVM's own threads are counted from /proc instead
            }
            stages.merge(Stages.attribute(name, frames(sample.getStackTrace())), 1L, Long::sum);
            threads.merge(threadGroup(name), 1L, Long::sum);
            counted++;
        }
        return new Result(file, used, counted, sorted(stages, Long::doubleValue), sorted(threads, Long::doubleValue),
                sorted(reads, Function.identity()), sorted(parks, Function.identity()));
    }

    static List<String> frames(RecordedStackTrace stack) {
        if (stack == null) {
            return List.of();
        }
        List<String> frames = new ArrayList<>(stack.getFrames().size());
        for (RecordedFrame frame : stack.getFrames()) {
            if (frame.getMethod() != null && frame.getMethod().getType() != null) {
                frames.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
            }
        }
        return frames;
    }

    /** A thread's name with its numbers folded; the four services' request threads are one group. */
    static String threadGroup(String name) {
        Matcher http = HTTP_THREAD.matcher(name);
        return (http.find() ? "http-nio " + name.substring(http.end()) : name).replaceAll("\\d+", "#");
    }

    private static boolean isRequestThread(RecordedThread thread) {
        return thread != null && thread.getJavaName() != null && thread.getJavaName().startsWith("http-nio-")
                && thread.getJavaName().contains("-exec-");
    }

    /** A request thread waiting for its next request is not part of any request. */
    private static boolean idle(RecordedStackTrace stack) {
        return frames(stack).stream().anyMatch(f -> f.startsWith("org.apache.tomcat.util.threads.TaskQueue."));
    }

    /** The innermost frame outside the JDK: whose lock or queue it was. */
    private static String site(RecordedStackTrace stack) {
        for (String frame : frames(stack)) {
            if (!frame.startsWith("java.") && !frame.startsWith("jdk.") && !frame.startsWith("sun.")) {
                int method = frame.lastIndexOf('.');
                String type = frame.substring(0, method);
                return type.substring(type.lastIndexOf('.') + 1) + "." + frame.substring(method + 1);
            }
        }
        return "(JDK only)";
    }

    private static <V> Map<String, V> sorted(Map<String, V> values, Function<V, Double> size) {
        Map<String, V> sorted = new LinkedHashMap<>();
        values.entrySet().stream().sorted((a, b) -> Double.compare(size.apply(b.getValue()), size.apply(a.getValue())))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
