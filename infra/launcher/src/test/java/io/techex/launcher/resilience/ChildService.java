package io.techex.launcher.resilience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * A TechEx service in a JVM of its own, started from this test's classpath: the only way to kill one hard (a context
 * closed in this JVM still runs its shutdown hooks, commits its batches and releases its tokens). It is also a second
 * instance with an identity of its own: Axon names a token's owner after the process ({@code pid@host}), so two
 * instances in one JVM would look like one to the token store.
 */
final class ChildService implements AutoCloseable {

    private final String mainClass;
    private final List<String> arguments;
    private final int port;
    private final Path log;
    private Process process;

    private ChildService(String mainClass, String configName, Map<String, Object> properties, int port, Path log) {
        this.mainClass = mainClass;
        this.port = port;
        this.log = log;
        Map<String, Object> own = new java.util.LinkedHashMap<>(properties);
        own.put("server.port", port);
        this.arguments = List.of(Resilience.arguments(configName, own));
    }

    /** Starts the service on a fixed free port (the same on every start) and returns once it is ready for traffic. */
    static ChildService start(String mainClass, String configName, Map<String, Object> properties, String name) {
        Path log;
        try {
            Files.createDirectories(Path.of("target", "resilience"));
            log = Path.of("target", "resilience", name + ".log").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChildService child = new ChildService(mainClass, configName, properties, Resilience.freePort(), log);
        child.startProcess();
        return child;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** Starts the process again on the same port and settings, and waits until it is ready. */
    void startProcess() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running as " + process.pid());
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // a small, quick-starting JVM: the child competes with this one for two cores
        command.addAll(List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(arguments);
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainClass, e);
        }
        Process started = process;
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!started.isAlive()) {
                throw new AssertionError(mainClass + " exited with " + started.exitValue() + " while starting; see " + log);
            }
            return ready();
        });
    }

    /** SIGKILL: no shutdown hook, no commit, no token released. Returns once the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean ready() {
        try {
            HttpResponse<Void> response = Resilience.HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
