package io.techex.bench;

import java.util.List;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which stage of the exchange a CPU sample belongs to, from its thread's name and the frames on its stack: the rules
 * below are tried in order and the first that matches any frame (or the thread) wins. The order is what makes it
 * work: a bid's request thread has the servlet filters (idempotency, rate limit) at the bottom of every stack, the
 * command bus above them and the event store's append above that, so the narrower stages come first and a sample
 * in the JDBC driver under {@code appendEvents} counts as the append, not as the HTTP request it is part of. Work on
 * other threads (the broker, the relay, the event processors, the Kafka consumers) comes before all of a request's
 * stages, since those threads also commit, call JDBC and serialise JSON.
 *
 * <p>Class and package names are the code's own (checked against the services' sources): a renamed class lands in a
 * broader stage, never in a wrong one, and "other" growing says it is time to look here.
 */
final class Stages {

    static final String BROKER = "Kafka broker (in-process)";
    static final String RELAY = "relay: event store → Kafka (kafka-relay)";
    static final String BOARD = "live board (Redis)";
    static final String PROCESSOR = "event processor ";
    static final String STORE_READER = "event store reader for the processors (EmbeddedEventStore)";
    static final String SUBSCRIBING = "subscribing event processors (in the command's transaction)";
    static final String CONSUMER = "Kafka consumer ";
    static final String AUDIT = "audit-service, other (log sequencer, tree heads)";
    static final String DEADLINES = "deadlines";
    static final String COMMIT = "commit";
    static final String SNAPSHOT = "aggregate snapshots";
    static final String APPEND = "event store append (hash-chain trigger in PostgreSQL)";
    static final String LOAD = "aggregate load (event sourcing, cache)";
    static final String TOKEN = "token validation (JWT)";
    static final String COMMAND = "command handling (Axon, Auction)";
    static final String VIEW_READ = "auction's view read (AuctionViews: the floor's query)";
    static final String IDEMPOTENCY = "idempotency key and rate limit (Redis)";
    static final String HTTP = "HTTP: Tomcat, Spring MVC and Security, JSON";
    static final String KAFKA_CLIENT = "Kafka client I/O";
    static final String JDBC = "JDBC, other callers";
    static final String LOGGING = "logging";
    static final String OTHER = "other";

    private record Rule(String stage, BiPredicate<String, List<String>> matches) {
    }

    private static final Pattern PROCESSOR_THREAD = Pattern.compile("^(?:WorkPackage|Coordinator|EventProcessor)\\[(.+?)]");
    private static final Pattern CONSUMER_THREAD = Pattern.compile("^(.+?)-\\d+-C-\\d+$");

    private static final List<Rule> RULES = List.of(
            new Rule(BROKER, anyFrame("kafka.", "org.apache.kafka.storage.", "org.apache.kafka.raft.", "org.apache.kafka.server.",
                    "org.apache.kafka.controller.", "org.apache.kafka.metadata.", "org.apache.kafka.image.",
                    "org.apache.kafka.coordinator.", "org.apache.kafka.network.", "org.apache.kafka.queue.",
                    "org.apache.kafka.security.", "io.techex.testkit.")),
            new Rule(RELAY, (thread, frames) -> thread.contains("[kafka-relay]")
                    || anyFrame("io.techex.platform.relay.").test(thread, frames)),
            new Rule(BOARD, anyFrame("io.techex.bidding.board.")),
            new Rule(PROCESSOR, (thread, frames) -> PROCESSOR_THREAD.matcher(thread).find()),
            // the store's own thread that reads ahead for the tracking processors, not an aggregate's load
            new Rule(STORE_READER, (thread, frames) -> thread.startsWith("EmbeddedEventStore")),
            new Rule(SUBSCRIBING, anyFrame("org.axonframework.eventhandling.SubscribingEventProcessor.")),
            new Rule(CONSUMER, (thread, frames) -> CONSUMER_THREAD.matcher(thread).matches()
                    || anyFrame("org.springframework.kafka.listener.").test(thread, frames)),
            new Rule(AUDIT, anyFrame("io.techex.audit.")),
            new Rule(DEADLINES, anyFrame("io.techex.platform.deadline.")),
            new Rule(COMMIT, anyFrame("org.postgresql.jdbc.PgConnection.commit", "com.zaxxer.hikari.pool.ProxyConnection.commit",
                    "org.springframework.jdbc.datasource.DataSourceTransactionManager.doCommit")),
            new Rule(SNAPSHOT, anyFrame("org.axonframework.eventsourcing.AbstractSnapshotter.",
                    "org.axonframework.eventsourcing.AggregateSnapshotter.")),
            new Rule(APPEND, anyFrame("org.axonframework.eventsourcing.eventstore.AbstractEventStore.prepareCommit",
                    "org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine.appendEvents",
                    "org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine.appendEvents",
                    "org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine.storeSnapshot")),
            new Rule(LOAD, anyFrame("org.axonframework.eventsourcing.EventSourcingRepository.",
                    "org.axonframework.eventsourcing.CachingEventSourcingRepository.",
                    "org.axonframework.eventsourcing.EventSourcedAggregate.initializeState",
                    "org.axonframework.eventsourcing.eventstore.", "org.axonframework.modelling.command.AbstractRepository.load",
                    "org.axonframework.modelling.command.LockingRepository.load", "org.axonframework.common.caching.")),
            // the decoding and its checks; not BearerTokenAuthenticationFilter, under which the whole request runs
            new Rule(TOKEN, anyFrame("com.nimbusds.", "org.springframework.security.oauth2.jwt.",
                    "org.springframework.security.oauth2.server.resource.authentication.",
                    "io.techex.platform.security.ActorTokenConverter.", "io.techex.platform.security.JwtActorResolver.")),
            // the read model's query and its mapping, which the auction's package also holds: the floor's whole request
            new Rule(VIEW_READ, anyFrame("io.techex.bidding.auction.AuctionViews.", "io.techex.bidding.auction.AuctionController.get",
                    "io.techex.bidding.auction.AuctionController.view")),
            new Rule(COMMAND, anyFrame("org.axonframework.", "io.techex.bidding.auction.", "io.techex.platform.actor.")),
            // Redis wherever it is called from on a request thread, and the two filters' own code; the filters wrap the
            // rest of the request, so a filter frame counts only as the innermost frame of the application's
            new Rule(IDEMPOTENCY, (thread, frames) -> anyFrame("io.techex.platform.web.IdempotencyClaims", "redis.clients.jedis.",
                    "io.techex.platform.redis.", "org.apache.commons.pool2.").test(thread, frames)
                    || innermostOwnFrame(frames).startsWith("io.techex.platform.web.IdempotencyKeyFilter")
                    || innermostOwnFrame(frames).startsWith("io.techex.platform.security.WriteRateLimitFilter")),
            new Rule(HTTP, (thread, frames) -> thread.startsWith("http-nio-") || anyFrame("org.apache.tomcat.", "org.apache.coyote.",
                    "org.apache.catalina.", "org.springframework.web.", "org.springframework.security.", "com.fasterxml.jackson.",
                    "tools.jackson.", "jakarta.servlet.", "org.springframework.http.").test(thread, frames)),
            new Rule(KAFKA_CLIENT, (thread, frames) -> thread.startsWith("kafka-producer-network-thread")
                    || anyFrame("org.apache.kafka.").test(thread, frames)),
            new Rule(JDBC, anyFrame("org.postgresql.", "com.zaxxer.hikari.", "org.springframework.jdbc.")),
            new Rule(LOGGING, anyFrame("ch.qos.logback.", "org.slf4j.")));

    private Stages() {
    }

    /**
     * The stage of one sample.
     *
     * @param thread the sampled thread's name ("" when unknown)
     * @param frames the stack, innermost frame first, each {@code fully.qualified.Class.method}
     */
    static String attribute(String thread, List<String> frames) {
        String name = thread == null ? "" : thread;
        for (Rule rule : RULES) {
            if (rule.matches().test(name, frames)) {
                return switch (rule.stage()) {
                    case PROCESSOR -> {
                        Matcher m = PROCESSOR_THREAD.matcher(name);
                        yield PROCESSOR + (m.find() ? m.group(1) : "?");
                    }
                    case CONSUMER -> {
                        Matcher m = CONSUMER_THREAD.matcher(name);
                        yield CONSUMER + (m.matches() ? m.group(1) : "(unnamed container)");
                    }
                    default -> rule.stage();
                };
            }
        }
        return OTHER;
    }

    /**
     * The JVM's own threads by their name in /proc (cut to 15 characters), which no Java sample covers: "GC", "JIT",
     * "JFR" or "JVM"; null for the application's threads.
     */
    static String jvmThreadKind(String procName) {
        if (procName.startsWith("GC Thread") || procName.startsWith("G1 ") || procName.startsWith("ParGC")
                || procName.startsWith("Shenandoah") || procName.matches("^Z(Worker|Driver|Director|Stat|Uncommit|Unmapper).*")) {
            return "GC";
        }
        if (procName.contains("CompilerThre") || procName.startsWith("C1 Compiler") || procName.startsWith("C2 Compiler")) {
            return "JIT";
        }
        if (procName.startsWith("JFR ")) {
            return "JFR";
        }
        if (procName.startsWith("VM Thread") || procName.startsWith("VM Periodic") || procName.startsWith("Service Thread")
                || procName.startsWith("Monitor Deflati") || procName.startsWith("Signal Dispat")) {
            return "JVM";
        }
        return null;
    }

    /** The innermost frame that is neither the JDK's nor a library's the code calls (JSON, hashing): whose code runs. */
    private static String innermostOwnFrame(List<String> frames) {
        for (String frame : frames) {
            if (!frame.startsWith("java.") && !frame.startsWith("jdk.") && !frame.startsWith("sun.")
                    && !frame.startsWith("com.fasterxml.jackson.") && !frame.startsWith("tools.jackson.")
                    && !frame.startsWith("org.apache.commons.")) {
                return frame;
            }
        }
        return "";
    }

    private static BiPredicate<String, List<String>> anyFrame(String... prefixes) {
        return (thread, frames) -> {
            for (String frame : frames) {
                for (String prefix : prefixes) {
                    if (frame.startsWith(prefix)) {
                        return true;
                    }
                }
            }
            return false;
        };
    }
}
