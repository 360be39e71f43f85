package io.techex.launcher.resilience;

import io.techex.audit.AuditServiceApplication;
import io.techex.listing.ListingServiceApplication;
import io.techex.platform.events.Topics;
import io.techex.platform.relay.KafkaRelay;
import io.techex.testkit.KafkaRecords;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestInfrastructure;
import io.techex.testkit.TestTokens;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.techex.launcher.resilience.Resilience.json;
import static io.techex.launcher.resilience.Resilience.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of listing-service against one database and one broker, as a scaled-out deployment runs them: one in
 * this JVM, one in a JVM of its own (Axon's token owner is the process, so two instances need two processes). The
 * kafka-relay's segments end up split between them through the token store; drafts and revisions sent to both, a
 * listing drafted on one and revised on the other, reach the topic and audit-service's trail once each; and the same
 * listing submitted on both at the same moment is accepted once, the other answer a clean 409, one event stored.
 */
class TwoListingInstancesTest {

    static final int LISTINGS = 30;
    static final int RACES = 8;

    static TestEnvironment env;
    static JdbcTemplate db;
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext audit;
    static ChildService second;

    @BeforeAll
    static void start() {
        long started = System.nanoTime();
        TestTokens.get();
        env = TestInfrastructure.get().newEnvironment("two-instances");
        db = Resilience.database(env);
        Map<String, Object> properties = Resilience.properties(env);
        CompletableFuture<ConfigurableApplicationContext> auditStarting = CompletableFuture.supplyAsync(() ->
                Resilience.start(AuditServiceApplication.class, AuditServiceApplication.CONFIG_NAME, properties));
        first = Resilience.start(ListingServiceApplication.class, ListingServiceApplication.CONFIG_NAME, properties);
        // the second instance comes once the first runs, as one scales out a service that is up
        second = ChildService.start(ListingServiceApplication.class.getName(), ListingServiceApplication.CONFIG_NAME,
                properties, "two-instances-listing");
        audit = auditStarting.join();
        System.out.printf("two instances: started in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (audit != null) {
            audit.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void theRelaysSegmentsAreSplitEveryEventIsPublishedAndAuditedOnceAndARaceOnOneListingConflictsCleanly() throws Exception {
        long started = System.nanoTime();
        String firstOwner = ManagementFactory.getRuntimeMXBean().getName();
        String secondOwner = second.pid() + "@";
        await().atMost(Duration.ofSeconds(30)).until(() -> owners().size() == 4 && !owners().containsValue(null));
        Map<Integer, String> before = owners();

        // Axon 4 without Axon Server does not rebalance by itself: an instance claims every free segment, and a running
        // one keeps them. Releasing half of what the first instance holds is how work is handed over; the second
        // instance's coordinator then claims them and keeps them.
        StreamingEventProcessor relay = first.getBean(EventProcessingConfiguration.class)
                .eventProcessor(KafkaRelay.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        List<Integer> held = before.entrySet().stream().filter(e -> e.getValue().equals(firstOwner)).map(Map.Entry::getKey)
                .sorted().toList();
        int released = 0;
        for (int segment : held.subList(0, Math.max(0, held.size() - 2))) {
            relay.releaseSegment(segment);
            released++;
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Map<Integer, String> owners = owners();
            return owners.values().stream().filter(firstOwner::equals).count() == 2
                    && owners.values().stream().filter(o -> o != null && o.startsWith(secondOwner)).count() == 2;
        });
        Map<Integer, String> split = owners();

        int[] ports = {Resilience.port(first), second.port()};
        List<String> listings = new ArrayList<>();
        for (int i = 0; i < LISTINGS; i++) {
            String listingId = Resilience.draftListing(ports[i % 2]);
            listings.add(listingId);
            // revised on the other instance: it loads the aggregate the first one wrote
            HttpResponse<String> revised = send(ports[(i + 1) % 2], "PUT", "/listings/" + listingId + "/draft",
                    Resilience.draft(5), TestTokens.UNIVERSITY);
            assertThat(revised.statusCode()).as(revised.body()).isEqualTo(200);
        }

        int accepted = 0;
        int concurrentModification = 0;
        int alreadySubmitted = 0;
        try (ExecutorService racers = Executors.newFixedThreadPool(2)) {
            for (int race = 0; race < RACES; race++) {
                String listingId = listings.get(race);
                CountDownLatch go = new CountDownLatch(1);
                List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
                for (int port : ports) {
                    answers.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            go.await();
                            return send(port, "POST", "/listings/" + listingId + "/submission", null, TestTokens.UNIVERSITY);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }, racers));
                }
                go.countDown();
                List<HttpResponse<String>> both = answers.stream().map(CompletableFuture::join).toList();
                List<Integer> statuses = both.stream().map(HttpResponse::statusCode).sorted().toList();
                assertThat(statuses).as("one submission wins, the other conflicts: " + both.stream().map(HttpResponse::body).toList())
                        .containsExactly(200, 409);
                accepted++;
                HttpResponse<String> loser = both.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
                assertThat(loser.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                        assertThat(type).startsWith("application/problem+json"));
                String type = json(loser).get("type").asText();
                if (type.endsWith("/concurrent-modification")) {
                    concurrentModification++;
                } else {
                    assertThat(type).as("the loser of a sequential race finds the listing submitted").endsWith("/listing-already-submitted");
                    alreadySubmitted++;
                }
            }
        }
        Integer submittedEvents = db.queryForObject(
                "SELECT count(*) FROM listing.domain_event_entry WHERE payload_type LIKE '%ListingSubmitted'", Integer.class);
        assertThat(submittedEvents).as("one ListingSubmitted per raced listing").isEqualTo(RACES);

        Map<String, String> stored = Resilience.storedListingEvents(db);
        assertThat(stored).hasSize(LISTINGS * 2 + RACES);
        String topic = audit.getBean(Topics.class).eventsOf("listing");
        List<String> published;
        try (KafkaRecords records = KafkaRecords.read(env.kafkaBootstrapServers(), topic)) {
            published = Resilience.cloudEventIds(records.await(
                    seen -> Resilience.distinct(Resilience.cloudEventIds(seen)) >= stored.size(), Duration.ofSeconds(40)));
        }
        assertThat(published).as("every stored event on the topic, none twice").containsExactlyInAnyOrderElementsOf(stored.keySet());

        await().atMost(Duration.ofSeconds(40)).until(() -> Resilience.audited(db).trailRows() >= stored.size());
        Resilience.AuditCount audited = Resilience.audited(db);
        assertThat(audited.trailIds()).isEqualTo(stored.keySet());
        assertThat(audited.trailRows()).isEqualTo(stored.size());
        assertThat(audited.inboxRows()).isEqualTo(stored.size());
        assertThat(Resilience.trailOrderViolations(db))
                .as(() -> "trail entries out of their listing's order:\n" + Resilience.trailOrderReport(db)).isZero();
        Map<Integer, String> after = owners();
        assertThat(after).as("the split holds under load").isEqualTo(split);

        System.out.printf("two instances: relay segments before %s, %d released, after %s; %d listings drafted and revised "
                        + "across instances, %d submission races (%d won, %d concurrent-modification, %d already-submitted); "
                        + "%d events stored, %d records on the topic (%d distinct), %d in the audit trail, %d inbox rows; "
                        + "0 lost, 0 duplicated; %d ms%n",
                describe(before, firstOwner), released, describe(split, firstOwner), LISTINGS, RACES, accepted,
                concurrentModification, alreadySubmitted, stored.size(), published.size(), Resilience.distinct(published),
                audited.trailRows(), audited.inboxRows(), (System.nanoTime() - started) / 1_000_000);
    }

    private static Map<Integer, String> owners() {
        Map<Integer, String> owners = new HashMap<>();
        db.query("SELECT segment, owner FROM listing.token_entry WHERE processor_name = ?",
                row -> {
                    owners.put(row.getInt(1), row.getString(2));
                }, KafkaRelay.PROCESSING_GROUP);
        return owners;
    }

    private static String describe(Map<Integer, String> owners, String firstOwner) {
        StringBuilder text = new StringBuilder("{");
        owners.keySet().stream().sorted().forEach(segment -> text.append(text.length() > 1 ? ", " : "").append(segment)
                .append('=').append(firstOwner.equals(owners.get(segment)) ? "A" : owners.get(segment) == null ? "-" : "B"));
        return text.append('}').toString();
    }
}
