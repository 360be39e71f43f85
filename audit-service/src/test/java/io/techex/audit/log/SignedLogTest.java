package io.techex.audit.log;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.techex.audit.AuditTestSupport;
import io.techex.contracts.ContractCheck;
import io.techex.contracts.EventContracts;
import io.techex.contracts.EventJson;
import io.techex.platform.events.Topics;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.KafkaRecords;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.techex.audit.AuditTestSupport.get;
import static io.techex.audit.AuditTestSupport.json;
import static io.techex.audit.AuditTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The exchange-wide log end to end: events from three services' topics become leaves, a regulator has a tree head
 * signed, and the proofs the API gives verify with the independent implementation against the signed roots.
 */
@IntegrationTest
class SignedLogTest {

    @LocalServerPort
    int port;
    @Autowired
    KafkaTemplate<String, CloudEvent> kafka;
    @Autowired
    Topics topics;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestEnvironment env;

    @Test
    void aRegulatorGetsASignedTreeHeadAndProofsThatVerifyIndependently() throws Exception {
        List<String> firstBatch = sendAcrossServices(12);
        awaitInLog(firstBatch);

        HttpResponse<String> signed = post(port, "/audit/log/tree-heads", TestTokens.REGULATOR);
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(201);
        TreeHead first = EventJson.mapper().readValue(signed.body(), TreeHead.class);
        assertThat(first.signatureValid()).isTrue();
        assertThat(first.rootHashBytes()).as("root recomputed from the stored canonical entries")
                .isEqualTo(Rfc9162Reference.mth(leavesFromCanonicalEntries(first.treeSize())));
        // nothing new: the same head again
        HttpResponse<String> again = post(port, "/audit/log/tree-heads", TestTokens.REGULATOR);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(EventJson.mapper().readValue(again.body(), TreeHead.class)).isEqualTo(first);

        List<String> secondBatch = sendAcrossServices(5);
        awaitInLog(secondBatch);
        TreeHead second = EventJson.mapper().readValue(post(port, "/audit/log/tree-heads", TestTokens.REGULATOR).body(), TreeHead.class);
        assertThat(second.treeSize()).isGreaterThanOrEqualTo(first.treeSize() + 5);
        assertThat(second.signatureValid()).isTrue();

        // any party may check that the second head extends the first
        HttpResponse<String> consistency = get(port, "/audit/log/proofs/consistency?first=" + first.treeSize()
                + "&second=" + second.treeSize(), TestTokens.FIRM);
        assertThat(consistency.statusCode()).as(consistency.body()).isEqualTo(200);
        List<byte[]> consistencyPath = hashes(json(consistency).get("proof"));
        assertThat(Rfc9162Reference.verifyConsistency((int) first.treeSize(), (int) second.treeSize(),
                first.rootHashBytes(), second.rootHashBytes(), consistencyPath)).isTrue();
        assertThat(Rfc9162.verifyConsistency(first.treeSize(), second.treeSize(), first.rootHashBytes(),
                second.rootHashBytes(), consistencyPath)).isTrue();

        // an event of the first batch is in the second head's tree
        String eventId = firstBatch.get(3);
        HttpResponse<String> inclusion = get(port, "/audit/log/proofs/inclusion?eventId=" + eventId + "&treeSize="
                + second.treeSize(), TestTokens.REGULATOR);
        assertThat(inclusion.statusCode()).as(inclusion.body()).isEqualTo(200);
        JsonNode proof = json(inclusion);
        String canonical = jdbc.queryForObject("SELECT canonical FROM trail_entry WHERE event_id = ?", String.class, eventId);
        // each asset of the batch has one event: its leaf names no previous one
        byte[] leafHash = Rfc9162Reference.leaf(LogDocumentedVerifier.leaf(canonical, null).getBytes(StandardCharsets.UTF_8));
        assertThat(Base64.getDecoder().decode(proof.get("leafHash").asText())).isEqualTo(leafHash);
        assertThat(Rfc9162Reference.verifyInclusion(proof.get("leafIndex").asInt(), (int) second.treeSize(), leafHash,
                hashes(proof.get("auditPath")), second.rootHashBytes())).isTrue();
        assertThat(proof.get("treeHead").get("signature").asText()).isEqualTo(second.signature());

        // the heads went out on audit's topic as TreeHeadSigned.v1, in order, for outsiders to keep
        try (var reader = KafkaRecords.read(env.kafkaBootstrapServers(), topics.events())) {
            List<JsonNode> published = new ArrayList<>();
            reader.await(records -> {
                published.clear();
                records.forEach(record -> published.add(readTree(record.value())));
                return published.stream().anyMatch(e -> e.get("data").get("treeSize").asLong() == second.treeSize());
            }, Duration.ofSeconds(30));
            JsonNode event = published.stream().filter(e -> e.get("data").get("treeSize").asLong() == second.treeSize()).findFirst().orElseThrow();
            assertThat(event.get("type").asText()).isEqualTo("io.techex.audit.TreeHeadSigned.v1");
            assertThat(event.get("subject").asText()).isEqualTo("techex-audit-log");
            assertThat(EventContracts.find("io.techex.audit.TreeHeadSigned.v1").orElseThrow().violations(event.get("data"))).isEmpty();
            assertThat(EventJson.mapper().treeToValue(event.get("data"), TreeHead.class)).isEqualTo(second);
        }

        JsonNode keys = json(get(port, "/audit/log/signing-keys", TestTokens.UNIVERSITY));
        assertThat(keys.findValuesAsText("keyId")).contains(second.keyId());
        assertThat(json(get(port, "/audit/log/tree-heads/" + first.treeSize(), TestTokens.OPERATOR)).get("rootHash").asText())
                .isEqualTo(first.rootHash());
    }

    @Test
    void leavesAreInTheLogsOrderOfKafkaTimestampServicePartitionAndOffset() {
        awaitInLog(sendAcrossServices(9));
        List<LogSequencer.Key> keys = jdbc.query("""
                SELECT t.log_time, t.source_service, t.kafka_partition, t.kafka_offset
                FROM log_leaf l JOIN trail_entry t ON t.event_id = l.event_id ORDER BY l.leaf_index""",
                (row, n) -> new LogSequencer.Key(row.getLong(1), row.getString(2), row.getInt(3), row.getLong(4)));
        assertThat(keys).isSortedAccordingTo(LogSequencer.Key::compareTo);
    }

    @Test
    void eachLeafNamesTheLeafOfItsAssetsPreviousEvent() {
        String asset = UUID.randomUUID().toString();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CloudEvent event = i == 0 ? AuditTestSupport.listingDrafted(asset, Instant.now())
                    : AuditTestSupport.sampled("io.techex.bidding.OfferMade.v1", asset, Instant.now(),
                    "thu.vo", "mekong-biotech", "FIRM", "negotiationId", UUID.randomUUID().toString());
            String service = event.getSource().toString().replace("/techex/", "").replace("-service", "");
            kafka.send(topics.eventsOf(service), asset, event).join();
            ids.add(event.getId());
            ids.addAll(sendAcrossServices(2)); // other assets' leaves in between
        }
        awaitInLog(ids);
        List<Long[]> leaves = jdbc.query("""
                SELECT l.leaf_index, l.asset_previous, l.leaf_version FROM log_leaf l JOIN trail_entry t ON t.event_id = l.event_id
                WHERE t.asset_id = ? ORDER BY l.leaf_index""",
                (row, n) -> new Long[]{row.getLong(1), (Long) row.getObject(2), row.getLong(3)}, asset);
        assertThat(leaves).hasSize(3);
        assertThat(leaves).allSatisfy(leaf -> assertThat(leaf[2]).as("leaf format").isEqualTo(2L));
        assertThat(leaves.get(0)[1]).as("the asset's first leaf names no previous one").isNull();
        assertThat(leaves.get(1)[1]).isEqualTo(leaves.get(0)[0]);
        assertThat(leaves.get(2)[1]).isEqualTo(leaves.get(1)[0]);
    }

    @Test
    void proofsForWhatTheLogDoesNotHaveAreRefused() {
        assertThat(get(port, "/audit/log/proofs/inclusion?eventId=" + UUID.randomUUID(), TestTokens.REGULATOR).statusCode())
                .isEqualTo(404);
        HttpResponse<String> tooLarge = get(port, "/audit/log/proofs/consistency?first=1&second=" + Long.MAX_VALUE, TestTokens.REGULATOR);
        assertThat(tooLarge.statusCode()).isEqualTo(422);
        assertThat(tooLarge.body()).contains("second");
    }

    @Test
    void auditPublishesOnlyEventsWithContracts() {
        assertThat(ContractCheck.assertProducerContracts("io.techex.audit")).containsExactly("io.techex.audit.TreeHeadSigned.v1");
    }

    /** Events of listing, bidding and contract about fresh assets, so they spread over partitions; their ids. */
    private List<String> sendAcrossServices(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String asset = UUID.randomUUID().toString();
            CloudEvent event = switch (i % 3) {
                case 0 -> AuditTestSupport.listingDrafted(asset, Instant.now());
                case 1 -> AuditTestSupport.sampled("io.techex.bidding.OfferMade.v1", asset, Instant.now(),
                        "thu.vo", "mekong-biotech", "FIRM", "negotiationId", UUID.randomUUID().toString());
                default -> AuditTestSupport.sampled("io.techex.contract.ContractSigned.v1", asset, Instant.now(),
                        null, null, null, "contractId", UUID.randomUUID().toString());
            };
            String service = event.getSource().toString().replace("/techex/", "").replace("-service", "");
            kafka.send(topics.eventsOf(service), asset, event).join();
            ids.add(event.getId());
        }
        return ids;
    }

    private void awaitInLog(List<String> eventIds) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM log_leaf WHERE event_id = ANY(?)", Integer.class,
                (Object) eventIds.toArray(String[]::new)) == eventIds.size());
    }

    /**
     * The leaves as LOG.md builds them from the recorded events: each event's canonical form with the index of the
     * previous leaf of the same subject, worked out here from the log's order, not read from the log's own columns.
     */
    private List<byte[]> leavesFromCanonicalEntries(long size) {
        Map<String, Long> latestOfAsset = new HashMap<>();
        return jdbc.query("""
                SELECT t.canonical, t.asset_id, l.leaf_index FROM log_leaf l JOIN trail_entry t ON t.event_id = l.event_id
                WHERE l.leaf_index < ? ORDER BY l.leaf_index""",
                (row, n) -> {
                    String leaf = LogDocumentedVerifier.leaf(row.getString(1), latestOfAsset.get(row.getString(2)));
                    latestOfAsset.put(row.getString(2), row.getLong(3));
                    return Rfc9162Reference.leaf(leaf.getBytes(StandardCharsets.UTF_8));
                }, size);
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> hashes = new ArrayList<>();
        array.forEach(hash -> hashes.add(Base64.getDecoder().decode(hash.asText())));
        return hashes;
    }

    private static JsonNode readTree(byte[] value) {
        try {
            return EventJson.mapper().readTree(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
