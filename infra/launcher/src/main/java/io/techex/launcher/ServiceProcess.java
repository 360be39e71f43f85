package io.techex.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One TechEx application as production runs it: {@code java -jar <module>/target/<module>-<version>-exec.jar} (the jar
 * spring-boot-maven-plugin repackages during {@code package}), its settings as command-line arguments, its output in a
 * log file of its own. Used by {@link SeparateProcesses} and by the tests that kill a service hard: a JVM of its own is
 * the only way to SIGKILL one instance, and the only way for two instances to be two owners of Axon's tokens.
 * <p>
 * Every process started here is also stopped by a shutdown hook of this JVM, so that neither Ctrl-C nor a test that
 * dies leaves services running.
 */
public final class ServiceProcess implements AutoCloseable {

    /**
     * A small JVM that starts quickly: many of them share two cores. C1 only (start-up is mostly class loading and
     * interpretation; C2's compile threads would compete with the other JVMs), the serial collector (one GC thread),
     * small thread stacks and a heap that holds one service with room to spare.
     */
    public static final List<String> SMALL_JVM = List.of("-Xmx384m", "-Xss512k", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:+ExitOnOutOfMemoryError", "-Xshare:auto",
            "-Dfile.encoding=UTF-8");

    private static final Set<ServiceProcess> RUNNING = ConcurrentHashMap.newKeySet();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(RUNNING).forEach(ServiceProcess::close),
                "service-processes-stop"));
    }

    private final String name;
    private final Path jar;
    private final List<String> jvmOptions;
    private final List<String> arguments;
    private final int port;
    private final String readyPath;
    private final Path log;
    private Process process;
    private volatile boolean killed;

    /**
     * @param name       how it is called in messages and its log file's name, e.g. {@code bidding-service-2}
     * @param jar        its executable jar ({@link #execJar})
     * @param jvmOptions e.g. {@link #SMALL_JVM}
     * @param properties Spring properties, passed as {@code --key=value}; {@code server.port} is added
     * @param port       its HTTP port
     * @param readyPath  answers 200 once it takes traffic, e.g. {@code /actuator/health/readiness}
     * @param logs       the directory of its log file
     */
    public ServiceProcess(String name, Path jar, List<String> jvmOptions, Map<String, ?> properties, int port,
                          String readyPath, Path logs) {
        this.name = name;
        this.jar = jar;
        this.jvmOptions = List.copyOf(jvmOptions);
        List<String> args = new ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        args.add("--server.port=" + port);
        this.arguments = List.copyOf(args);
        this.port = port;
        this.readyPath = readyPath;
        this.log = logs.resolve(name + ".log").toAbsolutePath();
    }

    /**
     * The executable jar of {@code module} (a directory under the project's root, e.g. {@code bidding-service} or
     * {@code infra/authserver}), the newest if several versions were built; fails saying how to build it.
     */
    public static Path execJar(Path root, String module) {
        Path target = root.resolve(module).resolve("target");
        String artifact = Path.of(module).getFileName().toString();
        List<Path> jars;
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            jars = files.filter(file -> file.getFileName().toString().startsWith(artifact + "-")
                            && file.getFileName().toString().endsWith("-exec.jar"))
                    .sorted(Comparator.comparing(ServiceProcess::modified).reversed())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (jars.isEmpty()) {
            throw new IllegalStateException("No executable jar of " + module + " in " + target + ": build them first with"
                    + " ./mvnw -q package -DskipTests (or run the tests with ./mvnw verify, which packages them before"
                    + " infra/launcher's tests)");
        }
        return jars.getFirst();
    }

    /** The project's root: the nearest directory at or above the working directory holding {@code infra/launcher}. */
    public static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("infra").resolve("launcher")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Not inside the TechEx project: no infra/launcher above " + Path.of("").toAbsolutePath());
    }

    /** Starts the JVM and returns at once; {@link #awaitReady} waits for it. */
    public synchronized ServiceProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " already runs as " + process.pid());
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(arguments);
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
        killed = false;
        RUNNING.add(this);
        return this;
    }

    /** Waits until it answers {@code readyPath} with 200; fails at once if it exits, naming its log. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Process started;
        synchronized (this) {
            started = process;
        }
        while (!ready()) {
            if (!started.isAlive()) {
                throw new IllegalStateException(name + " exited with " + started.exitValue() + " while starting; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
            }
            try {
                // a start-up is seconds long: a quarter of a second between probes costs nothing
                started.waitFor(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private boolean ready() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + readyPath))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL: no shutdown hook, no commit, no token or lock released. Returns once the process is gone. */
    public void kill() {
        Process running;
        synchronized (this) {
            running = process;
        }
        // set first: a request this cuts off may fail before the process is seen to be gone
        killed = true;
        running.destroyForcibly();
        try {
            running.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        RUNNING.remove(this);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** Whether {@link #kill} was called since the last start, even if the process is not gone yet. */
    public boolean killed() {
        return killed;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGTERM, as an orchestrator stops a service (it finishes what it does); SIGKILL after 20 s. */
    @Override
    public void close() {
        Process running;
        synchronized (this) {
            running = process;
        }
        if (running != null && running.isAlive()) {
            running.destroy();
            try {
                if (!running.waitFor(20, TimeUnit.SECONDS)) {
                    running.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.destroyForcibly();
            }
        }
        RUNNING.remove(this);
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
