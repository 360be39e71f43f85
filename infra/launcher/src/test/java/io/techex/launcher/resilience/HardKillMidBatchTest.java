package io.techex.launcher.resilience;

import io.techex.audit.AuditServiceApplication;
import io.techex.listing.ListingServiceApplication;
import io.techex.platform.events.Topics;
import io.techex.testkit.InProcessKafkaBroker;
import io.techex.testkit.KafkaRecords;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestInfrastructure;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static io.techex.launcher.resilience.Resilience.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * listing-service killed hard while its relay publishes a backlog, with requests in flight, then started again on the
 * same database and broker. The service runs in a JVM of its own and is killed with SIGKILL: no shutdown hook runs, no
 * batch commits, no token is released. Every accepted command's event must reach the topic, and audit-service's trail
 * exactly once; records the relay sent but could not mark as sent are sent again by the next process (a new producer,
 * so the broker cannot drop them), and those duplicates are counted and must have no second effect in audit.
 */
class HardKillMidBatchTest {

    static final int BACKLOG_LISTINGS = 60;
    static final int MAX_COMMANDS = 400;

    static InProcessKafkaBroker broker;
    static TestEnvironment env;
    static JdbcTemplate db;
    static ConfigurableApplicationContext audit;
    static ChildService listing;

    @BeforeAll
    static void start() {
        TestTokens.get();
        broker = InProcessKafkaBroker.start();
        env = TestInfrastructure.get().newEnvironment("hard-kill");
        db = Resilience.database(env);
        Map<String, Object> properties = Resilience.properties(env);
        properties.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
        properties.put("techex.relay.max-block", "1s");
        properties.put("techex.relay.delivery-timeout", "3s");
        Map<String, Object> auditProperties = Map.copyOf(properties);
        CompletableFuture<ConfigurableApplicationContext> auditStarting = CompletableFuture.supplyAsync(() ->
                Resilience.start(AuditServiceApplication.class, AuditServiceApplication.CONFIG_NAME, auditProperties));
        // small relay batches: many commits while the backlog drains, so the kill falls between a batch's acks and its
        // token update with a good chance, which is the case worth testing
        properties.put("axon.eventhandling.processors.kafka-relay.batch-size", 5);
        // the killed process's claims lapse after this; the default 10 s would only make the test wait longer
        properties.put("axon.eventhandling.tokenstore.claim-timeout", "4s");
        listing = ChildService.start(ListingServiceApplication.class.getName(), ListingServiceApplication.CONFIG_NAME,
                properties, "hard-kill-listing");
        audit = auditStarting.join();
    }

    @AfterAll
    static void stop() {
        if (listing != null) {
            listing.close();
        }
        if (audit != null) {
            audit.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void nothingAcceptedIsLostAndNothingIsAppliedTwiceWhenTheServiceIsKilledMidBatch() throws Exception {
        long started = System.nanoTime();
        int port = listing.port();
        String topic = audit.getBean(Topics.class).eventsOf("listing");
        Map<String, AtomicInteger> acceptedPerListing = new ConcurrentHashMap<>();
        AtomicInteger accepted = new AtomicInteger();

        for (int i = 0; i < 5; i++) {
            acceptedPerListing.computeIfAbsent(Resilience.draftListing(port), id -> new AtomicInteger()).incrementAndGet();
            accepted.incrementAndGet();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Resilience.audited(db).trailRows() == 5);

        // a backlog: the broker away while sellers draft and revise
        broker.stop();
        for (int i = 0; i < BACKLOG_LISTINGS; i++) {
            String listingId = Resilience.draftListing(port);
            HttpResponse<String> revised = send(port, "PUT", "/listings/" + listingId + "/draft", Resilience.draft(6),
                    TestTokens.UNIVERSITY);
            assertThat(revised.statusCode()).as(revised.body()).isEqualTo(200);
            acceptedPerListing.computeIfAbsent(listingId, id -> new AtomicInteger()).addAndGet(2);
            accepted.addAndGet(2);
        }
        int backlog = stored() - 5;

        // requests keep coming while the relay drains the backlog, and some are in flight when the process dies
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger inFlightLost = new AtomicInteger();
        Queue<String> refused = new ConcurrentLinkedQueue<>();
        int publishedAtKill;
        int storedAtKill;
        try (ExecutorService writers = Executors.newFixedThreadPool(2);
             KafkaRecords records = KafkaRecords.read(broker.bootstrapServers(), topic)) {
            List<Future<?>> running = List.of(writers.submit(() -> write(port, writing, acceptedPerListing, accepted,
                    inFlightLost, refused)), writers.submit(() -> write(port, writing, acceptedPerListing, accepted,
                    inFlightLost, refused)));
            broker.restart();
            // killed as soon as the relay is seen publishing the backlog, before it can have finished
            records.await(seen -> Resilience.distinct(Resilience.cloudEventIds(seen)) > 5, Duration.ofSeconds(40));
            listing.kill();
            publishedAtKill = (int) Resilience.distinct(Resilience.cloudEventIds(records.poll()));
            storedAtKill = stored();
            writing.set(false);
            for (Future<?> writer : running) {
                writer.get();
            }
        }
        assertThat(refused).as("nothing but success or a dead connection").isEmpty();

        long restarting = System.nanoTime();
        listing.startProcess();
        long restartMillis = (System.nanoTime() - restarting) / 1_000_000;
        for (int i = 0; i < 5; i++) {
            acceptedPerListing.computeIfAbsent(Resilience.draftListing(port), id -> new AtomicInteger()).incrementAndGet();
            accepted.incrementAndGet();
        }

        Map<String, String> stored = Resilience.storedListingEvents(db);
        Map<String, Long> storedPerListing = stored.values().stream()
                .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
        acceptedPerListing.forEach((listingId, commands) -> assertThat(storedPerListing.getOrDefault(listingId, 0L))
                .as("events of accepted commands on " + listingId).isGreaterThanOrEqualTo(commands.get()));
        assertThat(stored.size()).as("at most the accepted commands and those whose answer the kill cut off")
                .isBetween(accepted.get(), accepted.get() + inFlightLost.get());

        List<String> published;
        long caughtUp = System.nanoTime();
        try (KafkaRecords records = KafkaRecords.read(broker.bootstrapServers(), topic)) {
            published = Resilience.cloudEventIds(records.await(
                    seen -> Resilience.distinct(Resilience.cloudEventIds(seen)) >= stored.size(), Duration.ofSeconds(60)));
        }
        long catchUpMillis = (System.nanoTime() - caughtUp) / 1_000_000;
        assertThat(published).as("every stored event on the topic").containsAll(stored.keySet());
        assertThat(Resilience.distinct(published)).isEqualTo(stored.size());

        await().atMost(Duration.ofSeconds(40)).until(() -> Resilience.audited(db).trailRows() >= stored.size());
        Resilience.AuditCount audited = Resilience.audited(db);
        assertThat(audited.trailIds()).as("every stored event in the trail").isEqualTo(stored.keySet());
        assertThat(audited.trailRows()).as("none twice, whatever the topic holds").isEqualTo(stored.size());
        assertThat(audited.inboxRows()).isEqualTo(stored.size());
        int outOfOrder = Resilience.trailOrderViolations(db);
        assertThat(outOfOrder)
                .as(() -> "trail entries out of their listing's order:\n" + Resilience.trailOrderReport(db)).isZero();

        System.out.printf("hard kill: %d commands accepted, %d cut off by the kill; backlog of %d events, killed (SIGKILL) with "
                        + "%d of %d stored events on the topic; restarted in %d ms, caught up %d ms later; %d events stored, "
                        + "%d records on the topic (%d distinct, %d re-published after the kill), %d trail entries, "
                        + "%d inbox rows, %d out of order; 0 lost, 0 applied twice; %d ms%n",
                accepted.get(), inFlightLost.get(), backlog, publishedAtKill, storedAtKill, restartMillis, catchUpMillis,
                stored.size(), published.size(), Resilience.distinct(published),
                published.size() - Resilience.distinct(published), audited.trailRows(), audited.inboxRows(), outOfOrder,
                (System.nanoTime() - started) / 1_000_000);
    }

    private static Void write(int port, AtomicBoolean writing, Map<String, AtomicInteger> acceptedPerListing,
                              AtomicInteger accepted, AtomicInteger inFlightLost, Queue<String> refused) {
        // bounded, whatever the relay's back-off makes the wait for the backlog
        while (writing.get() && accepted.get() < MAX_COMMANDS) {
            try {
                HttpResponse<String> drafted = send(port, "POST", "/listings", Resilience.draft(4), TestTokens.UNIVERSITY);
                if (drafted.statusCode() != 201) {
                    refused.add(drafted.statusCode() + " " + drafted.body());
                    return null;
                }
                acceptedPerListing.computeIfAbsent(Resilience.json(drafted).get("listingId").asText(), id -> new AtomicInteger())
                        .incrementAndGet();
                accepted.incrementAndGet();
            } catch (IOException killed) {
                // the process died under this request: it may or may not have been stored, and the client cannot know
                inFlightLost.incrementAndGet();
                return null;
            } catch (Exception e) {
                refused.add(e.toString());
                return null;
            }
        }
        return null;
    }

    private static int stored() {
        return db.queryForObject("SELECT count(*) FROM listing.domain_event_entry", Integer.class);
    }
}
