package io.techex.testkit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Everything that touches Testcontainers, kept in one class so the JVM never loads Testcontainers when Docker is
 * ruled out without it.
 */
final class Containers {

    /** The images match infra/deploy/compose.yaml. */
    static final String POSTGRES_IMAGE = "postgres:15-alpine";
    static final String KAFKA_IMAGE = "apache/kafka:4.2.1";
    static final String REDIS_IMAGE = "redis:7-alpine";

    private static final Duration DOCKER_CHECK_TIMEOUT = Duration.ofSeconds(3);

    private Containers() {
    }

    /**
     * Whether a Docker engine answers within {@link #DOCKER_CHECK_TIMEOUT}; a hung socket must not stall every test
     * JVM, so the check runs on a thread that is abandoned when late.
     */
    static boolean dockerAnswers() {
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "techex-testkit-docker-check");
            thread.setDaemon(true);
            return thread;
        });
        try {
            return CompletableFuture.supplyAsync(() -> DockerClientFactory.instance().isDockerAvailable(), executor)
                    .completeOnTimeout(false, DOCKER_CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .exceptionally(failure -> false)
                    .join();
        } finally {
            executor.shutdownNow();
        }
    }

    static Resolved<PostgresServer> postgres() {
        PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE);
        container.start();
        PostgresServer server = new PostgresServer(container.getJdbcUrl(), container.getUsername(),
                container.getPassword(), "Testcontainers " + POSTGRES_IMAGE + " " + container.getJdbcUrl());
        return new Resolved<>(server, server.description(), container::stop);
    }

    static Resolved<String> kafka() {
        KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
        container.start();
        String bootstrap = container.getBootstrapServers();
        return new Resolved<>(bootstrap, "Testcontainers " + KAFKA_IMAGE + " " + bootstrap,
                container::stop);
    }

    static Resolved<HostPort> redis() {
        GenericContainer<?> container = new GenericContainer<>(REDIS_IMAGE).withExposedPorts(6379);
        container.start();
        HostPort address = new HostPort(container.getHost(), container.getMappedPort(6379));
        return new Resolved<>(address, "Testcontainers " + REDIS_IMAGE + " " + address,
                container::stop);
    }
}
