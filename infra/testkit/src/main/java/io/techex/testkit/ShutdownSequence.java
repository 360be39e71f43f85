package io.techex.testkit;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;

/**
 * Runs the kit's cleanup (drop databases, stop the broker and containers) at JVM exit, but only once the
 * applications using them are closed: their Kafka consumers and connection pools must still find the broker and the
 * databases while they shut down.
 *
 * <p>JVM shutdown hooks run concurrently, so the cleanup is handed to Spring Boot as a shutdown handler, which Spring
 * Boot runs after closing every application context it registered. Where no Spring Boot application registered its
 * shutdown hook (plain JUnit tests), the kit's own JVM hook runs the cleanup instead, after any plain Spring context
 * hook has finished.
 */
final class ShutdownSequence {

    private static final Logger log = LoggerFactory.getLogger(ShutdownSequence.class);

    private static final String PLAIN_SPRING_HOOK = "SpringContextShutdownHook";
    private static final Duration PLAIN_SPRING_WAIT = Duration.ofSeconds(30);

    private ShutdownSequence() {
    }

    static void register(Runnable cleanup) {
        AtomicBoolean done = new AtomicBoolean();
        Runnable once = () -> {
            if (done.compareAndSet(false, true)) {
                cleanup.run();
            }
        };
        boolean handedToSpringBoot = handToSpringBoot(once);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (handedToSpringBoot && springBootHookRegistered()) {
                return;
            }
            awaitPlainSpringHooks();
            once.run();
        }, "techex-testkit-shutdown"));
    }

    private static boolean handToSpringBoot(Runnable cleanup) {
        try {
            SpringApplication.getShutdownHandlers().add(cleanup);
            return true;
        } catch (RuntimeException | LinkageError e) {
            // Spring Boot already shutting down: the kit's own hook does the work
            return false;
        }
    }

    /**
     * Whether Spring Boot has added its JVM shutdown hook, which it does once an application that registers one has
     * run. Spring Boot offers no public way to ask; if its internals change, the answer is "no" and the kit's own
     * hook does the cleanup, merely without waiting for the applications.
     */
    private static boolean springBootHookRegistered() {
        try {
            Field hookField = SpringApplication.class.getDeclaredField("shutdownHook");
            hookField.setAccessible(true);
            Object hook = hookField.get(null);
            Field addedField = hook.getClass().getDeclaredField("shutdownHookAdded");
            addedField.setAccessible(true);
            return ((AtomicBoolean) addedField.get(hook)).get();
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("Cannot tell whether Spring Boot registered its shutdown hook", e);
            return false;
        }
    }

    /**
     * Contexts outside Spring Boot close in a hook thread of their own: best effort, as JVM hooks start in no set
     * order and one not started yet cannot be seen.
     */
    private static void awaitPlainSpringHooks() {
        Thread current = Thread.currentThread();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread != current && PLAIN_SPRING_HOOK.equals(thread.getName())) {
                try {
                    thread.join(PLAIN_SPRING_WAIT);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
