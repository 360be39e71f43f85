package io.techex.launcher.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.audit.AuditServiceApplication;
import io.techex.audit.log.LogEntryForm;
import io.techex.audit.log.LogTree;
import io.techex.audit.log.MerkleTree;
import io.techex.audit.log.Rfc9162;
import io.techex.audit.log.SigningKey;
import io.techex.launcher.ServiceProcess;
import io.techex.testkit.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestInfrastructure;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The services as production runs them, each a JVM of its own started from its executable jar: listing-service, two
 * bidding-service and two audit-service instances on one database and a Kafka cluster of three processes, the topics
 * at three replicas and two in sync. Firms bid over HTTP on both bidding instances while two auctions reach their end;
 * one bidding and one audit instance are SIGKILLed in the middle of it and the load goes on against the survivors, as
 * a load balancer would send it; then, under the same bids, the broker leading the busiest partition of bidding's
 * events is SIGKILLed, restarted, and once its replicas are in sync again the active KRaft controller is SIGKILLed.
 * Nothing restarts the services or their producers and consumers. Then:
 * <ul>
 *   <li>every accepted bid (201) is in its auction's event stream and in audit's trail exactly once, and the auction's
 *       state counts exactly the stored bids;</li>
 *   <li>each auction that ended was closed by its deadline exactly once (one {@code AuctionWon}, one {@code DealAgreed}
 *       in the store and in the trail), whichever instance's scheduler claimed it;</li>
 *   <li>audit's log holds every trail entry once, in the order of the topics' contents, each leaf's hash and back-link
 *       recomputed from its event; a single audit instance that replays the topics into an empty database builds the
 *       same leaves and the same root, and the survivor's signed tree head is consistent with the one signed before
 *       the kill.</li>
 * </ul>
 * Bounded for two shared cores: small C1-only JVMs started at once, a load phase of about half a minute, phase timings
 * and recovery figures printed.
 */
// the longest class of the launcher's: first, so that the other lane runs the rest beside it
@Order(1)
class SeparateProcessesTest {

    static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    static final Duration ACROSS = Duration.ofSeconds(60);
    static final Duration KILL_AFTER = Duration.ofSeconds(8);
    static final Duration LOAD_AT_LEAST = Duration.ofSeconds(24);
    static final Duration LOAD_AT_MOST = Duration.ofSeconds(90);
    static final String BID_PLACED = "io.techex.bidding.BidPlaced.v1";
    static final String DEAL_AGREED = "io.techex.bidding.DealAgreed.v1";

    static TestEnvironment env;
    static JdbcTemplate db;
    static ServiceProcess listing;
    static final List<ServiceProcess> bidding = new ArrayList<>();
    static final List<ServiceProcess> audit = new ArrayList<>();
    static final List<ServiceProcess> all = new ArrayList<>();
    static Map<String, Object> common;
    static long startedMillis;
    static final AtomicInteger SCHEDULED = new AtomicInteger();
    static KafkaCluster kafka;
    static Admin kafkaAdmin;

    @BeforeAll
    static void startTheProcesses() throws Exception {
        long started = System.nanoTime();
        Path root = ServiceProcess.projectRoot();
        Path listingJar = ServiceProcess.execJar(root, "listing-service");
        Path biddingJar = ServiceProcess.execJar(root, "bidding-service");
        Path auditJar = ServiceProcess.execJar(root, "audit-service");
        TestTokens.get();
        env = TestInfrastructure.get().newEnvironment("processes");
        db = Resilience.database(env);
        Path logs = Path.of("target", "processes").toAbsolutePath();
        Files.createDirectories(logs);
        // every audit replica signs with the same key, as in production (demo mode would make one key per process)
        Path key = logs.resolve("audit-log-key.pem");
        Files.writeString(key, SigningKey.newKeyPairPem());

        // the cluster first: the services create their topics on it at start, as safe as configured below
        long clusterStarted = System.nanoTime();
        kafka = KafkaCluster.start(3);
        kafkaAdmin = Admin.create(kafka.adminConfig());
        System.out.printf("separate processes: Kafka cluster of 3 processes up in %d ms%n", millisSince(clusterStarted));

        common = new LinkedHashMap<>(env.springProperties());
        common.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        common.put("techex.kafka.topics.replication-factor", 3);
        common.put("techex.kafka.topics.min-insync-replicas", 2);
        common.put("spring.main.banner-mode", "off");
        common.put("techex.rate-limit.writes", 100_000);
        // PostgreSQL's connections are shared with every other test run on the machine: a small pool each
        common.put("spring.datasource.hikari.maximum-pool-size", 5);
        common.put("spring.datasource.hikari.minimum-idle", 1);
        // a killed instance's processor claims and consumer-group membership lapse after these, not the defaults
        // (10 s, 45 s): the survivors take its share over within seconds
        common.put("axon.eventhandling.tokenstore.claim-timeout", "4s");
        common.put("spring.kafka.consumer.properties.session.timeout.ms", 6000);
        common.put("spring.kafka.consumer.properties.heartbeat.interval.ms", 2000);
        common.put("techex.relay.max-block", "1s");
        common.put("techex.relay.delivery-timeout", "3s");
        // above the relay's delivery timeout, as LogSequencer requires; short, so the log follows within seconds
        common.put("techex.audit.log.settle", "5s");
        common.put("techex.audit.log.sequence-interval", "500ms");
        common.put("techex.audit.signing-key", key);

        listing = new ServiceProcess("listing-service", listingJar, ServiceProcess.SMALL_JVM, common,
                Resilience.freePort(), "/actuator/health/readiness", logs);
        for (int i = 1; i <= 2; i++) {
            bidding.add(new ServiceProcess("bidding-service-" + i, biddingJar, ServiceProcess.SMALL_JVM, common,
                    Resilience.freePort(), "/actuator/health/readiness", logs));
            audit.add(new ServiceProcess("audit-service-" + i, auditJar, ServiceProcess.SMALL_JVM, common,
                    Resilience.freePort(), "/actuator/health/readiness", logs));
        }
        all.add(listing);
        all.addAll(bidding);
        all.addAll(audit);
        // all at once: Flyway's migrations take a lock, so two instances of a service migrate one after the other
        all.forEach(ServiceProcess::start);
        for (ServiceProcess process : all) {
            process.awaitReady(START_TIMEOUT);
        }
        startedMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("separate processes: %d JVMs from their exec jars ready in %d ms (%s); logs in %s%n", all.size(),
                startedMillis, all.stream().map(p -> p.name() + " :" + p.port() + " pid " + p.pid())
                        .collect(Collectors.joining(", ")), logs);
    }

    @AfterAll
    static void stopTheProcesses() {
        for (ServiceProcess process : all) {
            process.close();
        }
        if (kafkaAdmin != null) {
            kafkaAdmin.close(Duration.ofSeconds(5));
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void killingServiceInstancesThenKafkaNodesUnderBidsLosesNothingFiresNoDeadlineTwiceAndKeepsTheLogASingleInstanceWouldWrite()
            throws Exception {
        long phase = System.nanoTime();
        List<String> listings = List.of(publishedListing(), publishedListing(), publishedListing());
        // a tree head signed before the kill, by the audit instance about to die
        await().atMost(ACROSS).until(() -> count("SELECT count(*) FROM audit.log_leaf") > 0);
        JsonNode headBefore = signTreeHead(audit.getFirst());
        String hot = auction(listings.get(0), Instant.now().plus(Duration.ofMinutes(30)));
        // one auction ends while both bidding instances run (their schedulers compete for its deadline), the other after
        // the kill, on the survivor; each has a bid at once, so that each is won
        Map<String, String> acceptedBids = new ConcurrentHashMap<>(); // bid id to auction id
        Instant now = Instant.now();
        List<String> closing = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            String id = auction(listings.get(i), now.plus(Duration.ofSeconds(i == 1 ? 8 : 22)).truncatedTo(ChronoUnit.SECONDS));
            HttpResponse<String> first = send(bidding.get(i - 1), "POST", "/auctions/" + id + "/bids",
                    "{\"amount\": \"100000000\", \"currency\": \"VND\"}", TestTokens.FIRM);
            assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
            acceptedBids.put(Resilience.json(first).get("bidId").asText(), id);
            closing.add(id);
        }
        long setupMillis = millisSince(phase);

        // ---- load: two firms on each bidding instance, bidding on the three auctions in turn
        phase = System.nanoTime();
        List<String> auctions = new ArrayList<>();
        auctions.add(hot);
        auctions.addAll(closing);
        Map<String, AtomicReference<BigDecimal>> minimum = new ConcurrentHashMap<>();
        auctions.forEach(id -> minimum.put(id, new AtomicReference<>(new BigDecimal("100000000"))));
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger cutOff = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong killedAt = new AtomicLong();
        AtomicLong firstAcceptedAfterKill = new AtomicLong();
        List<Future<?>> bidders = new ArrayList<>();
        List<String> brokerKills = new ArrayList<>();
        long loadStarted = System.nanoTime();
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            try {
                for (String firm : List.of(TestTokens.FIRM, TestTokens.FOREIGN_FIRM)) {
                    for (int instance = 0; instance < 2; instance++) {
                        int first = instance;
                        bidders.add(threads.submit(() -> bid(firm, first, auctions, minimum, acceptedBids, failures, refused,
                                cutOff, running, killedAt, firstAcceptedAfterKill)));
                    }
                }
                await().atMost(KILL_AFTER.plusSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> !failures.isEmpty()
                        || (System.nanoTime() - loadStarted >= KILL_AFTER.toNanos() && closures(closing.getFirst()) > 0));
                int acceptedAtKill = acceptedBids.size();
                killedAt.set(System.nanoTime());
                bidding.getFirst().kill();
                audit.getFirst().kill();
                System.out.printf("separate processes: SIGKILLed %s and %s after %d ms of load, %d bids accepted and the first"
                                + " closing auction closed by then%n", bidding.getFirst().name(), audit.getFirst().name(),
                        millisSince(loadStarted), acceptedAtKill);

                // ---- then the brokers, under the same bids: the busiest partition's leader, and later the controller
                String topic = env.namespace() + ".techex.bidding.events";
                int busiest = db.queryForObject("""
                        SELECT kafka_partition FROM audit.trail_entry WHERE event_type = ?
                        GROUP BY kafka_partition ORDER BY count(*) DESC LIMIT 1""", Integer.class, BID_PLACED);
                int leader = describe(topic).partitions().get(busiest).leader().id();
                brokerKills.add(killBroker(leader, "broker " + leader + ", leader of " + topic + "-" + busiest, acceptedBids,
                        failures));
                long restarting = System.nanoTime();
                kafka.restartStopped();
                // two copies in sync again before the next node dies, or acks=all rightly refuses every write
                await("every replica of " + topic + " in sync again").atMost(Duration.ofSeconds(120))
                        .until(() -> describe(topic).partitions().stream().allMatch(p -> p.isr().size() == kafka.size()));
                System.out.printf("separate processes: broker %d restarted and in sync in %d ms%n", leader, millisSince(restarting));
                int controller = kafkaAdmin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).leaderId();
                brokerKills.add(killBroker(controller, "node " + controller + ", the active KRaft controller", acceptedBids,
                        failures));
                assertThat(kafkaAdmin.describeMetadataQuorum().quorumInfo().get(60, TimeUnit.SECONDS).leaderId())
                        .as("the controller elected after the kill").isNotEqualTo(controller);
                // the load goes on until both closing auctions have been closed by their deadlines, and at least LOAD_AT_LEAST
                await().atMost(LOAD_AT_MOST).pollInterval(Duration.ofMillis(250)).until(() -> !failures.isEmpty()
                        || (System.nanoTime() - loadStarted >= LOAD_AT_LEAST.toNanos()
                        && closing.stream().allMatch(id -> closures(id) > 0)));
                running.set(false);
                for (Future<?> bidder : bidders) {
                    bidder.get();
                }
            } finally {
                running.set(false); // a failed wait above must not leave the bidders running, or closing the pool never ends
            }
        }
        long loadMillis = millisSince(phase);
        assertThat(failures).as("answers other than 201, 409 or a connection cut by the kill").isEmpty();
        assertThat(acceptedBids).as("bids accepted").hasSizeGreaterThan(20);

        // ---- bids: each accepted one stored once, in its auction's state, and in the trail once
        phase = System.nanoTime();
        ServiceProcess survivingBidding = bidding.get(1);
        ServiceProcess survivingAudit = audit.get(1);
        Map<String, List<String>> storedBids = new HashMap<>();
        for (String id : auctions) {
            storedBids.put(id, db.queryForList("""
                    SELECT convert_from(payload, 'UTF8')::jsonb ->> 'bidId' FROM bidding.domain_event_entry
                    WHERE aggregate_identifier = ? AND payload_type LIKE '%BidPlaced' ORDER BY sequence_number""",
                    String.class, id));
        }
        int storedTotal = storedBids.values().stream().mapToInt(List::size).sum();
        for (String id : auctions) {
            List<String> bids = storedBids.get(id);
            assertThat(Set.copyOf(bids)).as("no bid stored twice on " + id).hasSize(bids.size());
            Set<String> acceptedHere = acceptedBids.entrySet().stream().filter(e -> e.getValue().equals(id))
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            assertThat(bids).as("every accepted bid on " + id + " stored").containsAll(acceptedHere);
            // the read model follows the store; the killed instance's share of it passes to the survivor first
            await().atMost(ACROSS).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertThat(Resilience.json(
                    get(survivingBidding, "/auctions/" + id, TestTokens.REGULATOR)).path("bidCount").asInt())
                    .as("the auction's state counts its stored bids").isEqualTo(bids.size()));
        }
        assertThat(storedTotal).as("at most the accepted bids and those whose answer the kill cut off")
                .isBetween(acceptedBids.size(), acceptedBids.size() + cutOff.get());

        // ---- deadlines: each closing auction closed once, by one instance
        for (String id : closing) {
            assertThat(closures(id)).as("AuctionWon/AuctionClosedWithoutSale of " + id).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM bidding.domain_event_entry WHERE aggregate_identifier = ? "
                    + "AND payload_type LIKE '%DealAgreed'", id)).as("DealAgreed of " + id).isEqualTo(1);
            assertThat(Resilience.json(get(survivingBidding, "/auctions/" + id, TestTokens.REGULATOR)).path("status").asText())
                    .isEqualTo("WON");
        }
        assertThat(db.queryForList("SELECT task_name || ' ' || task_instance FROM bidding.scheduled_tasks", String.class))
                .as("no deadline left but the open auction's end").hasSize(1);

        // ---- the trail: everything stored, once
        long trailWait = System.nanoTime();
        await().atMost(ACROSS).pollInterval(Duration.ofMillis(250)).until(() ->
                count("SELECT count(*) FROM audit.trail_entry WHERE event_type = ?", BID_PLACED) >= storedTotal);
        long trailCaughtUpMillis = millisSince(trailWait);
        List<String> trailBids = db.queryForList("SELECT data ->> 'bidId' FROM audit.trail_entry WHERE event_type = ?",
                String.class, BID_PLACED);
        assertThat(trailBids).as("every stored bid in the trail exactly once")
                .containsExactlyInAnyOrderElementsOf(storedBids.values().stream().flatMap(List::stream).toList());
        for (String id : closing) {
            assertThat(count("SELECT count(*) FROM audit.trail_entry WHERE event_type = ? AND data -> 'source' ->> 'id' = ?",
                    DEAL_AGREED, id)).as("DealAgreed of " + id + " in the trail").isEqualTo(1);
        }
        int trailDuplicates = count("SELECT count(*) - count(DISTINCT event_id) FROM audit.trail_entry");
        assertThat(trailDuplicates).isZero();

        // ---- the log: every trail entry a leaf, once, in the topics' order, each hash recomputed
        long logWait = System.nanoTime();
        await().atMost(ACROSS).pollInterval(Duration.ofMillis(250)).until(() ->
                count("SELECT count(*) FROM audit.log_pending") == 0
                        && count("SELECT count(*) FROM audit.log_leaf") == count("SELECT count(*) FROM audit.trail_entry"));
        long logCaughtUpMillis = millisSince(logWait);
        List<String> leaves = verifiedLeaves();
        int size = leaves.size();
        JsonNode headAfter = signTreeHead(survivingAudit);
        assertThat(headAfter.path("treeSize").asLong()).isEqualTo(size);
        byte[] root = Base64.getDecoder().decode(headAfter.path("rootHash").asText());
        assertThat(root).as("the signed root is the root of the leaves in the database").isEqualTo(rootOfStoredLeaves(size));
        JsonNode consistency = Resilience.json(get(survivingAudit, "/audit/log/proofs/consistency?first="
                + headBefore.path("treeSize").asLong() + "&second=" + size, TestTokens.REGULATOR));
        List<byte[]> path = new ArrayList<>();
        consistency.path("proof").forEach(hash -> path.add(Base64.getDecoder().decode(hash.asText())));
        assertThat(Rfc9162.verifyConsistency(headBefore.path("treeSize").asLong(), size,
                Base64.getDecoder().decode(headBefore.path("rootHash").asText()), root, path))
                .as("the head signed after the kill extends the one signed before it: " + consistency).isTrue();
        long verifyMillis = millisSince(phase);

        // ---- a single instance replaying the topics into an empty database writes the same log
        phase = System.nanoTime();
        TestEnvironment fresh = TestInfrastructure.get().newEnvironment("single-audit");
        Map<String, Object> single = new LinkedHashMap<>(fresh.springProperties());
        single.put("techex.namespace", env.namespace()); // the same topics
        single.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers()); // on the same cluster
        single.put("techex.audit.log.consumer", "single"); // its own consumer group, from the first offset
        single.put("techex.audit.log.settle", "500ms");
        single.put("techex.audit.log.sequence-interval", "200ms");
        single.put("techex.audit.signing-key", common.get("techex.audit.signing-key"));
        single.put("server.port", 0);
        single.put("spring.main.banner-mode", "off");
        single.put("logging.include-application-name", false);
        single.put("spring.datasource.hikari.maximum-pool-size", 3);
        try (ConfigurableApplicationContext reference = new SpringApplicationBuilder(AuditServiceApplication.class)
                .properties("spring.config.name=" + AuditServiceApplication.CONFIG_NAME)
                .run(Resilience.arguments(AuditServiceApplication.CONFIG_NAME, single))) {
            LogTree tree = reference.getBean(LogTree.class);
            await().atMost(ACROSS).until(() -> tree.size() >= size);
            assertThat(tree.size()).as("the single instance's log size").isEqualTo(size);
            assertThat(tree.current().root(size)).as("the single instance's root").isEqualTo(root);
            JdbcTemplate replayed = new JdbcTemplate(reference.getBean(javax.sql.DataSource.class));
            assertThat(replayed.queryForList("SELECT event_id FROM log_leaf ORDER BY leaf_index", String.class))
                    .as("the single instance's leaves").isEqualTo(leaves);
        }
        long singleMillis = millisSince(phase);

        System.out.printf("separate processes: start %d ms, setup %d ms, load %d ms (%d bids accepted on 3 auctions, %d refused"
                        + " as too low or conflicting, %d cut off by the kill), checks %d ms, single-instance replay %d ms;"
                        + " recovery: first bid accepted %d ms after the SIGKILL, trail complete %d ms after the load, log"
                        + " complete %d ms after the trail; 2 deadlines fired once each; %d stored bids, %d trail entries,"
                        + " %d leaves, 0 lost, 0 twice, same leaves and root as a single instance%n",
                startedMillis, setupMillis, loadMillis, acceptedBids.size(), refused.get(), cutOff.get(), verifyMillis,
                singleMillis, firstAcceptedAfterKill.get() == 0 ? -1 : (firstAcceptedAfterKill.get() - killedAt.get()) / 1_000_000,
                trailCaughtUpMillis, logCaughtUpMillis, storedTotal, count("SELECT count(*) FROM audit.trail_entry"), size);
        System.out.printf("separate processes: Kafka under the bids: %s%n", String.join("; ", brokerKills));
    }

    // ---- Kafka

    private static TopicDescription describe(String topic) throws Exception {
        return kafkaAdmin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
    }

    /**
     * SIGKILLs a Kafka node while the bids go on, and waits until bids accepted after the kill have reached audit's
     * trail through the relay, the surviving brokers and audit's consumer, none of them restarted.
     */
    private static String killBroker(int nodeId, String what, Map<String, String> acceptedBids, Queue<String> failures) {
        Set<String> before = Set.copyOf(acceptedBids.keySet());
        long killed = System.nanoTime();
        kafka.kill(nodeId);
        await("5 bids accepted after killing " + what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> !failures.isEmpty() || acceptedBids.size() >= before.size() + 5);
        assertThat(failures).as("answers other than 201, 409 or a connection cut by the kill").isEmpty();
        long accepted = millisSince(killed);
        String[] after = acceptedBids.keySet().stream().filter(id -> !before.contains(id)).toArray(String[]::new);
        await("bids accepted after killing " + what + " in audit's trail").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> count("SELECT count(*) FROM audit.trail_entry WHERE event_type = ? AND data ->> 'bidId' = ANY(?)",
                        BID_PLACED, after) == after.length);
        String figures = "%s: %d more bids accepted %d ms after the SIGKILL, all in the trail after %d ms"
                .formatted(what, after.length, accepted, millisSince(killed));
        System.out.println("separate processes: killed " + figures);
        return figures;
    }

    // ---- load

    private static Void bid(String firm, int firstInstance, List<String> auctions, Map<String, AtomicReference<BigDecimal>> minimum,
                            Map<String, String> accepted, Queue<String> failures, AtomicInteger refused, AtomicInteger cutOff,
                            AtomicBoolean running, AtomicLong killedAt, AtomicLong firstAcceptedAfterKill) {
        int instance = firstInstance;
        int turn = 0;
        while (running.get() && failures.isEmpty()) {
            String auctionId = auctions.get(turn++ % auctions.size());
            ServiceProcess target = bidding.get(instance);
            if (target.killed()) {
                // what a load balancer does once its health check fails: the other instance
                instance = 1 - instance;
                continue;
            }
            BigDecimal amount = minimum.get(auctionId).get();
            try {
                HttpResponse<String> answer = send(target, "POST", "/auctions/" + auctionId + "/bids",
                        "{\"amount\": \"" + amount.toPlainString() + "\", \"currency\": \"VND\"}", firm);
                if (answer.statusCode() == 201) {
                    JsonNode body = Resilience.json(answer);
                    accepted.put(body.get("bidId").asText(), auctionId);
                    raise(minimum.get(auctionId), new BigDecimal(body.get("amount").asText()).add(new BigDecimal("1000000")));
                    if (killedAt.get() != 0) {
                        firstAcceptedAfterKill.compareAndSet(0, System.nanoTime());
                    }
                } else if (answer.statusCode() == 409) {
                    refused.incrementAndGet();
                    JsonNode problem = Resilience.json(answer);
                    String next = problem.at("/minimumBid/amount").asText("");
                    if (!next.isEmpty()) {
                        raise(minimum.get(auctionId), new BigDecimal(next));
                    }
                } else {
                    failures.add(target.name() + " answered " + answer.statusCode() + ": " + answer.body());
                }
            } catch (IOException cut) {
                if (!target.killed()) {
                    failures.add(target.name() + " (not killed) failed a request: " + cut);
                } else {
                    // the process died under this request: it may or may not have been stored, and the client cannot know
                    cutOff.incrementAndGet();
                }
            } catch (Exception e) {
                failures.add(e.toString());
            }
        }
        return null;
    }

    private static void raise(AtomicReference<BigDecimal> minimum, BigDecimal atLeast) {
        minimum.accumulateAndGet(atLeast, BigDecimal::max);
    }

    // ---- setup

    /** hust drafts a complete listing, submits it, the operator verifies ownership, hust puts it up for auction. */
    private static String publishedListing() throws Exception {
        String number = "1-00" + (System.nanoTime() % 1_000_000);
        HttpResponse<String> created = send(listing, "POST", "/listings", """
                {"title": {"vi": "Cảm biến độ mặn %s", "en": "Salinity sensor %s"},
                 "summary": {"vi": "Đã thử nghiệm ở quy mô pilot.", "en": "Piloted."},
                 "assetType": "PATENT", "readinessLevel": 6,
                 "ipTitles": [{"office": "VN", "number": "%s", "kind": "B1", "filingDate": "2019-03-14",
                               "grantDate": "2021-06-01", "expiryDate": "2039-03-14",
                               "owners": [{"organisationId": "hust", "name": "Đại học Bách khoa Hà Nội", "sharePercent": "100"}]}],
                 "ipcClasses": ["G01N 27/02"], "keywords": ["cảm biến", "sensor"],
                 "dealTypes": [{"dealType": "EXCLUSIVE_LICENCE", "territory": "VN"}],
                 "askingPrice": {"amount": "150000000", "currency": "VND"},
                 "regulatoryCategory": "ORDINARY", "stateFunded": false}""".formatted(number, number, number),
                TestTokens.UNIVERSITY);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String listingId = Resilience.json(created).get("listingId").asText();
        step(send(listing, "POST", "/listings/" + listingId + "/submission", null, TestTokens.UNIVERSITY));
        step(send(listing, "POST", "/listings/" + listingId + "/ownership-verification", null, TestTokens.OPERATOR));
        step(send(listing, "PUT", "/listings/" + listingId + "/sale-mode", "{\"saleMode\": \"AUCTION\"}", TestTokens.UNIVERSITY));
        step(send(listing, "POST", "/listings/" + listingId + "/publication", null, TestTokens.UNIVERSITY));
        return listingId;
    }

    /** An English auction on {@code listingId} open now until {@code endsAt}, once bidding has heard of the listing. */
    private static String auction(String listingId, Instant endsAt) {
        AtomicReference<String> auctionId = new AtomicReference<>();
        String request = """
                {"listingId": "%s", "dealType": "EXCLUSIVE_LICENCE", "territory": "VN", "termMonths": 60,
                 "startingPrice": "100000000", "minimumIncrement": "1000000", "currency": "VND",
                 "startsAt": "%s", "endsAt": "%s", "softCloseMinutes": 0}""".formatted(listingId,
                Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS), endsAt);
        // 404 until bidding-service has heard of the listing through Kafka; the instances take turns
        await().atMost(ACROSS).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> scheduled = send(bidding.get(SCHEDULED.getAndIncrement() % 2), "POST", "/auctions", request,
                    TestTokens.UNIVERSITY);
            assertThat(scheduled.statusCode()).as(scheduled.body()).isIn(201, 404);
            if (scheduled.statusCode() == 201) {
                auctionId.set(Resilience.json(scheduled).get("auctionId").asText());
            }
            return auctionId.get() != null;
        });
        return auctionId.get();
    }

    private static void step(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 204);
    }

    // ---- checks

    private static int closures(String auctionId) {
        return count("SELECT count(*) FROM bidding.domain_event_entry WHERE aggregate_identifier = ? "
                + "AND (payload_type LIKE '%AuctionWon' OR payload_type LIKE '%AuctionClosedWithoutSale')", auctionId);
    }

    /**
     * The leaves' event ids in index order, after checking each leaf against what a single sequencer would have
     * written: the trail's entries sorted by the log's key (log time, service, partition, offset), each leaf's
     * back-link the previous leaf of its asset, its hash that of its event's canonical form with that back-link.
     */
    private static List<String> verifiedLeaves() {
        record Leaf(long index, String eventId, String assetId, byte[] hash, int version, Long previous, String canonical) {
        }
        List<Leaf> leaves = db.query("""
                SELECT l.leaf_index, l.event_id, t.asset_id, l.leaf_hash, l.leaf_version, l.asset_previous, t.canonical
                FROM audit.log_leaf l JOIN audit.trail_entry t ON t.event_id = l.event_id ORDER BY l.leaf_index""",
                (row, n) -> new Leaf(row.getLong(1), row.getString(2), row.getString(3), row.getBytes(4), row.getInt(5),
                        (Long) row.getObject(6), row.getString(7)));
        List<String> inTopicOrder = db.queryForList("""
                SELECT event_id FROM audit.trail_entry
                ORDER BY log_time, source_service COLLATE "C", kafka_partition, kafka_offset""", String.class);
        List<String> eventIds = leaves.stream().map(Leaf::eventId).toList();
        assertThat(eventIds).as("the leaves in the order of the topics' contents").isEqualTo(inTopicOrder);
        Map<String, Long> latestOfAsset = new HashMap<>();
        for (int i = 0; i < leaves.size(); i++) {
            Leaf leaf = leaves.get(i);
            assertThat(leaf.index()).as("contiguous leaf indexes").isEqualTo(i);
            assertThat(leaf.version()).isEqualTo(LogEntryForm.LEAF_VERSION);
            assertThat(leaf.previous()).as("back-link of leaf " + i).isEqualTo(latestOfAsset.get(leaf.assetId()));
            assertThat(HexFormat.of().formatHex(leaf.hash())).as("hash of leaf " + i).isEqualTo(HexFormat.of()
                    .formatHex(LogEntryForm.leafHash(LogEntryForm.leaf(leaf.canonical(), leaf.previous()))));
            latestOfAsset.put(leaf.assetId(), leaf.index());
        }
        return eventIds;
    }

    private static byte[] rootOfStoredLeaves(int size) {
        MerkleTree tree = new MerkleTree();
        db.query("SELECT leaf_hash FROM audit.log_leaf ORDER BY leaf_index LIMIT ?", row -> {
            tree.append(row.getBytes(1));
        }, size);
        return tree.root(size);
    }

    private static JsonNode signTreeHead(ServiceProcess instance) throws Exception {
        HttpResponse<String> signed = send(instance, "POST", "/audit/log/tree-heads", null, TestTokens.REGULATOR);
        assertThat(signed.statusCode()).as(signed.body()).isIn(200, 201);
        return Resilience.json(signed);
    }

    private static int count(String sql, Object... arguments) {
        Integer count = db.queryForObject(sql, Integer.class, arguments);
        return count == null ? 0 : count;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static HttpResponse<String> get(ServiceProcess instance, String path, String person) throws Exception {
        return send(instance, "GET", path, null, person);
    }

    private static HttpResponse<String> send(ServiceProcess instance, String method, String path, String body, String person)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(instance.url() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", TestTokens.get().bearer(person));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return Resilience.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
