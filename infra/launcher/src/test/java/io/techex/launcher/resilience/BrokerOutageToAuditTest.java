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

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.techex.launcher.resilience.Resilience.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka taken away under load, end to end to a consumer: listing-service and audit-service run on a broker of this
 * test's own (the JVM's shared broker stays up for every other test), sellers keep drafting and revising listings
 * while it is stopped, and it comes back. Every command accepted meanwhile must reach audit-service's trail once, in
 * the order of its listing's events.
 */
class BrokerOutageToAuditTest {

    static final int REVISIONS_EACH = 3;
    static final int WRITERS = 2;

    static InProcessKafkaBroker broker;
    static TestEnvironment env;
    static JdbcTemplate db;
    static ConfigurableApplicationContext listing;
    static ConfigurableApplicationContext audit;

    @BeforeAll
    static void start() {
        TestTokens.get();
        broker = InProcessKafkaBroker.start();
        env = TestInfrastructure.get().newEnvironment("outage-e2e");
        db = Resilience.database(env);
        Map<String, Object> properties = Resilience.properties(env);
        properties.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
        // a batch the broker cannot take fails within seconds, so the relay's retries are what is under test
        properties.put("techex.relay.max-block", "1s");
        properties.put("techex.relay.delivery-timeout", "3s");
        CompletableFuture<ConfigurableApplicationContext> auditStarting = CompletableFuture.supplyAsync(() ->
                Resilience.start(AuditServiceApplication.class, AuditServiceApplication.CONFIG_NAME, properties));
        listing = Resilience.start(ListingServiceApplication.class, ListingServiceApplication.CONFIG_NAME, properties);
        audit = auditStarting.join();
    }

    @AfterAll
    static void stop() {
        if (audit != null) {
            audit.close();
        }
        if (listing != null) {
            listing.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void everyCommandAcceptedWhileKafkaIsDownReachesTheAuditTrailOnceInOrderPerListing() throws Exception {
        long started = System.nanoTime();
        int port = Resilience.port(listing);
        AtomicBoolean brokerDown = new AtomicBoolean();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger acceptedWhileDown = new AtomicInteger();
        Queue<String> refused = new ConcurrentLinkedQueue<>();

        long outageMillis;
        try (ExecutorService writers = Executors.newFixedThreadPool(WRITERS)) {
            List<Future<?>> running = java.util.stream.IntStream.range(0, WRITERS).<Future<?>>mapToObj(i -> writers.submit(() -> {
                while (writing.get() && refused.isEmpty()) {
                    // a listing's commands go one after the other, as one seller's would; writers run side by side
                    HttpResponse<String> drafted = send(port, "POST", "/listings", Resilience.draft(4), TestTokens.UNIVERSITY);
                    if (!count(drafted, 201, brokerDown, accepted, acceptedWhileDown, refused)) {
                        return null;
                    }
                    String listingId = Resilience.json(drafted).get("listingId").asText();
                    for (int revision = 0; revision < REVISIONS_EACH; revision++) {
                        HttpResponse<String> revised = send(port, "PUT", "/listings/" + listingId + "/draft",
                                Resilience.draft(5 + revision), TestTokens.UNIVERSITY);
                        if (!count(revised, 200, brokerDown, accepted, acceptedWhileDown, refused)) {
                            return null;
                        }
                    }
                }
                return null;
            })).toList();

            // load flows end to end first
            await().atMost(Duration.ofSeconds(30)).until(() -> Resilience.audited(db).trailRows() >= 20 || !refused.isEmpty());
            long stoppedAt = System.nanoTime();
            brokerDown.set(true);
            broker.stop();
            int storedAtStop = stored();
            // the outage lasts as long as sellers take to send 60 more commands
            await().atMost(Duration.ofSeconds(30)).until(() -> stored() >= storedAtStop + 60 || !refused.isEmpty());
            broker.restart();
            brokerDown.set(false);
            outageMillis = (System.nanoTime() - stoppedAt) / 1_000_000;
            int storedAtRestart = stored();
            // and the load goes on while the relay catches up
            await().atMost(Duration.ofSeconds(30)).until(() -> stored() >= storedAtRestart + 20 || !refused.isEmpty());
            writing.set(false);
            for (Future<?> writer : running) {
                writer.get();
            }
        }
        assertThat(refused).as("commands are accepted whatever Kafka does").isEmpty();

        Map<String, String> stored = Resilience.storedListingEvents(db);
        assertThat(stored).as("one event per accepted command").hasSize(accepted.get());
        await().atMost(Duration.ofSeconds(90)).until(() -> Resilience.audited(db).trailRows() >= stored.size());
        Resilience.AuditCount audited = Resilience.audited(db);
        assertThat(audited.trailIds()).as("every stored event in the trail").isEqualTo(stored.keySet());
        assertThat(audited.trailRows()).as("none twice").isEqualTo(stored.size());
        assertThat(audited.inboxRows()).isEqualTo(stored.size());
        int outOfOrder = Resilience.trailOrderViolations(db);
        assertThat(outOfOrder)
                .as(() -> "trail entries out of their listing's order:\n" + Resilience.trailOrderReport(db)).isZero();

        String topic = audit.getBean(Topics.class).eventsOf("listing");
        List<String> published;
        try (KafkaRecords records = KafkaRecords.read(broker.bootstrapServers(), topic)) {
            published = Resilience.cloudEventIds(records.await(
                    seen -> Resilience.distinct(Resilience.cloudEventIds(seen)) >= stored.size(), Duration.ofSeconds(30)));
        }
        assertThat(published).containsAll(stored.keySet());
        assertThat(Resilience.distinct(published)).isEqualTo(stored.size());

        System.out.printf("broker outage to audit: %d commands accepted (%d while Kafka was down for %d ms), 1 broker stop; "
                        + "%d events stored in %d listings, %d records on the topic (%d distinct, %d re-sent), "
                        + "%d trail entries, %d inbox rows, %d out of order; 0 lost, 0 applied twice; %d ms%n",
                accepted.get(), acceptedWhileDown.get(), outageMillis, stored.size(), stored.values().stream().distinct().count(),
                published.size(), Resilience.distinct(published), published.size() - Resilience.distinct(published),
                audited.trailRows(), audited.inboxRows(), outOfOrder, (System.nanoTime() - started) / 1_000_000);
    }

    private static boolean count(HttpResponse<String> response, int expected, AtomicBoolean brokerDown, AtomicInteger accepted,
                                 AtomicInteger acceptedWhileDown, Queue<String> refused) {
        if (response.statusCode() != expected) {
            refused.add(response.statusCode() + " " + response.body());
            return false;
        }
        accepted.incrementAndGet();
        if (brokerDown.get()) {
            acceptedWhileDown.incrementAndGet();
        }
        return true;
    }

    private static int stored() {
        return db.queryForObject("SELECT count(*) FROM listing.domain_event_entry", Integer.class);
    }
}
