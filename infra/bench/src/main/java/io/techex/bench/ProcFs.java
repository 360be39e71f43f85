package io.techex.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What Linux's /proc says about processes: CPU time in clock ticks ({@code utime + stime} of
 * {@code /proc/<pid>/stat}), per thread too, the resident set size, and the machine's busy time. Where there is no
 * /proc (not Linux) every reading is absent, and the bench says so instead of printing CPU figures.
 */
final class ProcFs {

    /** Ticks a second of the figures in /proc ({@code getconf CLK_TCK}, 100 on every Linux the bench has met). */
    static final long TICKS_PER_SECOND = clockTicks();

    /** One thread's name (/proc's {@code comm}, at most 15 characters) and CPU ticks. */
    record ThreadTicks(String name, long ticks) {
    }

    private ProcFs() {
    }

    static boolean available() {
        return Files.isReadable(Path.of("/proc/self/stat"));
    }

    static double ticksToMs(long ticks) {
        return ticks * 1000.0 / TICKS_PER_SECOND;
    }

    /** utime + stime of the process, or -1 when it is gone. */
    static long ticks(long pid) {
        String[] fields = statFields(Path.of("/proc", String.valueOf(pid), "stat"));
        return fields == null ? -1 : Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** cutime + cstime: what the process's children that it has waited for used, e.g. pgbench run from here. */
    static long childrenTicks(long pid) {
        String[] fields = statFields(Path.of("/proc", String.valueOf(pid), "stat"));
        return fields == null ? -1 : Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    static long parent(long pid) {
        String[] fields = statFields(Path.of("/proc", String.valueOf(pid), "stat"));
        return fields == null ? -1 : Long.parseLong(fields[1]);
    }

    /** Every thread of the process by thread id. */
    static Map<Long, ThreadTicks> threads(long pid) {
        Map<Long, ThreadTicks> threads = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks) {
                String stat = read(task.resolve("stat"));
                if (stat == null) {
                    continue;
                }
                String[] fields = fieldsAfterName(stat);
                threads.put(Long.parseLong(task.getFileName().toString()),
                        new ThreadTicks(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
                                Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
            }
        } catch (IOException | RuntimeException gone) {
            return threads;
        }
        return threads;
    }

    /** Processes whose name ({@code comm}) is {@code name}. */
    static List<Long> processesNamed(String name) {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path process : all) {
                String comm = read(process.resolve("comm"));
                if (comm != null && comm.strip().equals(name)) {
                    pids.add(Long.parseLong(process.getFileName().toString()));
                }
            }
        } catch (IOException noProcfs) {
            return pids;
        }
        return pids;
    }

    /** VmRSS in MiB, NaN when unknown. */
    static double rssMb(long pid) {
        String status = read(Path.of("/proc", String.valueOf(pid), "status"));
        if (status != null) {
            for (String line : status.split("\n")) {
                if (line.startsWith("VmRSS:")) {
                    return Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        }
        return Double.NaN;
    }

    /** Busy ticks of all CPUs together since boot (user, nice, system, irq, softirq, steal), -1 when unknown. */
    static long machineBusyTicks() {
        String stat = read(Path.of("/proc/stat"));
        if (stat == null) {
            return -1;
        }
        String[] cpu = stat.substring(0, stat.indexOf('\n')).trim().split("\\s+");
        return Long.parseLong(cpu[1]) + Long.parseLong(cpu[2]) + Long.parseLong(cpu[3]) + Long.parseLong(cpu[6])
                + Long.parseLong(cpu[7]) + (cpu.length > 8 ? Long.parseLong(cpu[8]) : 0);
    }

    /** The fields after {@code (comm)}: index 0 is field 3 (state) of proc(5), so field n is index n - 3. */
    private static String[] statFields(Path stat) {
        String text = read(stat);
        return text == null ? null : fieldsAfterName(text);
    }

    private static String[] fieldsAfterName(String stat) {
        // the name may hold blanks and parentheses; it ends at the last ')'
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).strip();
            if (getconf.waitFor(10, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
