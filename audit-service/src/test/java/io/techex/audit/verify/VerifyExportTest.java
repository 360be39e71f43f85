package io.techex.audit.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.techex.audit.AuditTestSupport;
import io.techex.audit.log.LogDocumentedVerifier;
import io.techex.contracts.EventJson;
import io.techex.platform.events.Topics;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.core.KafkaTemplate;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.techex.audit.AuditTestSupport.get;
import static io.techex.audit.AuditTestSupport.json;
import static io.techex.audit.AuditTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A regulator exports an asset's trail and checks it offline against a tree head kept from before; every kind of
 * tampering, in the export or directly in PostgreSQL, is caught and named.
 */
@IntegrationTest
class VerifyExportTest {

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
    @TempDir
    Path files;

    String assetId;
    Path treeHead;
    long treeSize;

    @BeforeEach
    void anAssetWithSixEventsInASignedLog() throws Exception {
        assetId = UUID.randomUUID().toString();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        send(AuditTestSupport.listingDrafted(assetId, start));
        for (int i = 1; i <= 5; i++) {
            // canonical forms are full of quotes and commas: the CSV export must carry them intact
            send(AuditTestSupport.sampled("io.techex.bidding.OfferMade.v1", assetId, start.plusSeconds(i),
                    "thu.vo", "mekong-biotech", "FIRM", "negotiationId", UUID.randomUUID().toString(),
                    "validUntil", "2026-12-0" + i + "T00:00:00Z"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("""
                SELECT count(*) FROM log_leaf l JOIN trail_entry t ON t.event_id = l.event_id WHERE t.asset_id = ?""",
                Integer.class, assetId) == 6);
        HttpResponse<String> signed = post(port, "/audit/log/tree-heads", TestTokens.REGULATOR);
        assertThat(signed.statusCode()).isIn(200, 201);
        // what an outsider keeps: the head as it was signed
        treeHead = Files.writeString(files.resolve("treehead.json"), signed.body());
        treeSize = json(signed).get("treeSize").asLong();
    }

    @Test
    void anUntouchedExportVerifiesAsJsonAndAsCsv() throws Exception {
        VerifyExport.Result json = VerifyExport.verify(export("json"), treeHead, null);
        assertThat(json.ok()).as(json.message()).isTrue();
        assertThat(json.message()).startsWith("OK: 6 entries of asset " + assetId);
        VerifyExport.Result csv = VerifyExport.verify(export("csv"), treeHead, null);
        assertThat(csv.ok()).as(csv.message()).isTrue();
        assertThat(csv.message()).startsWith("OK: 6 entries of asset " + assetId);

        // the key can be pinned: the one the service serves
        String key = json(get(port, "/audit/log/signing-keys", TestTokens.FIRM)).get(0).get("publicKey").asText();
        Path pem = Files.writeString(files.resolve("key.pem"), "-----BEGIN PUBLIC KEY-----\n" + key + "\n-----END PUBLIC KEY-----\n");
        assertThat(VerifyExport.verify(export("json"), treeHead, pem).ok()).isTrue();
    }

    @Test
    void anEditedExportIsCaughtAndTheEntryNamed() throws Exception {
        Path export = export("json");
        ObjectNode edited = (ObjectNode) EventJson.mapper().readTree(export.toFile());
        ObjectNode third = (ObjectNode) edited.get("entries").get(2);
        ((ObjectNode) third.get("data")).put("buyerOrganisationId", "kyoto-materials");
        Files.writeString(export, edited.toString());
        VerifyExport.Result result = VerifyExport.verify(export, treeHead, null);
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).startsWith("FAILED: entry 3 (event " + third.get("eventId").asText())
                .contains("data that differs from its signed form");

        third.put("canonical", third.get("canonical").asText().replace("\"mekong-biotech\"", "\"kyoto-materials\""));
        Files.writeString(export, edited.toString());
        assertThat(VerifyExport.verify(export, treeHead, null).message()).contains("entry 3").contains("leaf hash");

        ObjectNode dropped = (ObjectNode) EventJson.mapper().readTree(export("json").toFile());
        ((com.fasterxml.jackson.databind.node.ArrayNode) dropped.get("entries")).remove(1);
        ((ObjectNode) dropped.get("entries").get(1)).put("leafIndex", dropped.get("entries").get(0).get("leafIndex").asLong());
        Files.writeString(export, dropped.toString());
        assertThat(VerifyExport.verify(export, treeHead, null).message()).contains("entry 2").contains("order");
    }

    @Test
    void aForgedTreeHeadIsCaught() throws Exception {
        ObjectNode head = (ObjectNode) EventJson.mapper().readTree(treeHead.toFile());
        head.put("treeSize", head.get("treeSize").asLong() + 1);
        Path forged = Files.writeString(files.resolve("forged.json"), head.toString());
        VerifyExport.Result result = VerifyExport.verify(export("json"), forged, null);
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains("signature does not verify");
    }

    @Test
    void anExportSaysItIsCompleteAndHowManyEntriesArePending() throws Exception {
        VerifyExport.Result complete = VerifyExport.verify(export("json"), treeHead, null);
        assertThat(complete.exitCode()).as(complete.message()).isEqualTo(VerifyExport.OK);
        long size = EventJson.mapper().readTree(treeHead.toFile()).get("treeSize").asLong();
        assertThat(complete.message())
                .contains("verified against the tree head of size " + size)
                .contains("complete: the log signed that asset " + assetId + " has 6 entries in the tree of size " + size)
                .contains("0 entries pending");

        // two more events, in the trail but not in the tree head kept from before
        Instant later = Instant.now();
        for (int i = 0; i < 2; i++) {
            send(AuditTestSupport.sampled("io.techex.bidding.OfferMade.v1", assetId, later.plusMillis(i), "thu.vo",
                    "mekong-biotech", "FIRM", "negotiationId", UUID.randomUUID().toString()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM trail_entry WHERE asset_id = ?", Integer.class, assetId) == 8);
        VerifyExport.Result pending = VerifyExport.verify(export("json"), treeHead, null);
        assertThat(pending.exitCode()).as(pending.message()).isEqualTo(VerifyExport.OK);
        assertThat(pending.message()).startsWith("OK: 6 entries of asset " + assetId)
                .contains("has 6 entries in the tree of size " + size).endsWith("; 2 entries pending (not yet in the log)");
    }

    @Test
    void removingTheFirstAMiddleOrTheLastEntryOrReorderingIsCaughtAndTheMissingLeafNamed() throws Exception {
        JsonNode original = EventJson.mapper().readTree(export("json").toFile());
        JsonNode head = EventJson.mapper().readTree(treeHead.toFile());
        List<Long> leaves = new ArrayList<>();
        original.get("entries").forEach(entry -> leaves.add(entry.get("leafIndex").asLong()));
        assertThat(LogDocumentedVerifier.verify(original, head, List.of()))
                .as("the verifier written from LOG.md accepts the real export").isEqualTo(new LogDocumentedVerifier.Verdict(true, "complete"));

        Map<Integer, String> removed = Map.of(
                0, "the asset's entry at leaf " + leaves.get(0) + " is missing: entry 1 (leaf " + leaves.get(1)
                        + ") names it as the asset's previous entry, and the export has nothing before it",
                3, "the asset's entry at leaf " + leaves.get(3) + " is missing: entry 4 (leaf " + leaves.get(4)
                        + ") names it as the asset's previous entry, and the export has leaf " + leaves.get(2) + " before it",
                5, "the asset's newest entry at leaf " + leaves.get(5) + " is missing");
        for (var removal : removed.entrySet()) {
            ObjectNode export = original.deepCopy();
            ((ArrayNode) export.get("entries")).remove(removal.getKey());
            VerifyExport.Result result = VerifyExport.verify(write(export), treeHead, null);
            assertThat(result.exitCode()).as(result.message()).isEqualTo(VerifyExport.FAILED);
            assertThat(result.message()).as("entry %d removed", removal.getKey() + 1).contains(removal.getValue());
            assertThat(LogDocumentedVerifier.verify(export, head, List.of()))
                    .isEqualTo(LogDocumentedVerifier.Verdict.wrong("missing leaf " + leaves.get(removal.getKey())));
        }

        ObjectNode reordered = original.deepCopy();
        ArrayNode entries = (ArrayNode) reordered.get("entries");
        JsonNode second = entries.remove(1);
        entries.insert(2, second);
        VerifyExport.Result result = VerifyExport.verify(write(reordered), treeHead, null);
        assertThat(result.message()).startsWith("FAILED: entry 3 (event " + second.get("eventId").asText())
                .contains("out of the log's order");
        assertThat(LogDocumentedVerifier.verify(reordered, head, List.of()).ok()).isFalse();

        // a CSV with a row left out
        List<String> lines = new ArrayList<>(Files.readString(export("csv")).lines().toList());
        assertThat(lines).hasSize(7);
        lines.remove(3);
        Path csv = Files.writeString(files.resolve("cut.csv"), String.join("\r\n", lines) + "\r\n");
        assertThat(VerifyExport.verify(csv, treeHead, null).message())
                .contains("the asset's entry at leaf " + leaves.get(2) + " is missing");
    }

    @Test
    void theTreeHeadInsideTheExportIsCheckedTooAndTheAssetHeadsSignature() throws Exception {
        ObjectNode export = (ObjectNode) EventJson.mapper().readTree(export("json").toFile());
        ObjectNode corrupted = export.deepCopy();
        ObjectNode embedded = (ObjectNode) corrupted.get("treeHead");
        byte[] signature = Base64.getDecoder().decode(embedded.get("signature").asText());
        signature[10] ^= 1;
        embedded.put("signature", Base64.getEncoder().encodeToString(signature));
        VerifyExport.Result result = VerifyExport.verify(write(corrupted), treeHead, null);
        assertThat(result.exitCode()).isEqualTo(VerifyExport.FAILED);
        assertThat(result.message()).isEqualTo("FAILED: the export's tree head: its signature does not verify");
        assertThat(LogDocumentedVerifier.verify(corrupted, EventJson.mapper().readTree(treeHead.toFile()), List.of()).ok()).isFalse();

        ObjectNode understated = export.deepCopy();
        ((ObjectNode) understated.get("assetHead")).put("entryCount", 5);
        assertThat(VerifyExport.verify(write(understated), treeHead, null).message())
                .isEqualTo("FAILED: the asset head has a signature that does not verify");
    }

    @Test
    void aFilteredExportVerifiesButSaysItIsNotProvenComplete() throws Exception {
        Path filtered = export("json", "party=mekong-biotech");
        VerifyExport.Result result = VerifyExport.verify(filtered, treeHead, null);
        assertThat(result.exitCode()).as(result.message()).isEqualTo(VerifyExport.OK);
        assertThat(result.message()).startsWith("OK: 5 entries of asset " + assetId)
                .contains("not proven complete: the export is filtered (party=mekong-biotech), and the log signed that"
                        + " asset " + assetId + " has 6 entries");
        assertThat(LogDocumentedVerifier.verify(EventJson.mapper().readTree(filtered.toFile()),
                EventJson.mapper().readTree(treeHead.toFile()), List.of()).reason()).isEqualTo("filtered: not proven complete");
        assertThat(VerifyExport.verify(export("csv", "type=OfferMade"), treeHead, null).message())
                .contains("not proven complete: the export is filtered (type=OfferMade)");
    }

    @Test
    void unreadableInputIsExitCodeTwoNotAFailedVerification() throws Exception {
        Path export = export("json");
        Path missing = files.resolve("missing.json");
        assertThat(VerifyExport.verify(missing, treeHead, null).exitCode()).isEqualTo(VerifyExport.UNREADABLE);
        assertThat(VerifyExport.verify(export, missing, null).exitCode()).isEqualTo(VerifyExport.UNREADABLE);
        Path notJson = Files.writeString(files.resolve("not.json"), "{not json");
        VerifyExport.Result garbled = VerifyExport.verify(notJson, treeHead, null);
        assertThat(garbled.exitCode()).isEqualTo(VerifyExport.UNREADABLE);
        assertThat(garbled.message()).startsWith("ERROR: ");
        assertThat(VerifyExport.verify(export, export, null).message()).as("an export given as the tree head")
                .startsWith("ERROR: ").contains("is not a tree head");
    }

    @Test
    void theLogRefusesUpdatesAndDeletesAndARowTamperedInPostgresqlIsCaughtByTheVerifier() throws Exception {
        String eventId = jdbc.queryForObject("""
                SELECT t.event_id FROM trail_entry t JOIN log_leaf l ON l.event_id = t.event_id
                WHERE t.asset_id = ? ORDER BY l.leaf_index OFFSET 3 LIMIT 1""", String.class, assetId);
        // the service's own role (techex_audit) has no such privilege; the owner, a superuser here, is refused by the
        // triggers
        JdbcTemplate owner = owner();
        for (String sql : List.of("UPDATE trail_entry SET data = '{}' WHERE event_id = ?",
                "DELETE FROM log_leaf WHERE event_id = ?", "DELETE FROM trail_entry WHERE event_id = ?")) {
            assertThatThrownBy(() -> jdbc.update(sql, eventId)).as(sql)
                    .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");
            assertThatThrownBy(() -> owner.update(sql, eventId)).as("as the owner: " + sql)
                    .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        }
        for (String sql : List.of("UPDATE tree_head SET root_hash = root_hash", "DELETE FROM signing_key",
                "TRUNCATE tree_head")) {
            assertThatThrownBy(() -> jdbc.update(sql)).as(sql)
                    .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");
            assertThatThrownBy(() -> owner.update(sql)).as("as the owner: " + sql)
                    .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        }
        assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo("techex_audit");

        // the owner (a superuser here) switches the triggers off for its session and rewrites who made an offer,
        // its canonical form and its leaf hash, so that the row is consistent in itself
        Map<String, Object> original = jdbc.queryForMap(
                "SELECT actor_org, canonical, leaf_hash FROM trail_entry WHERE event_id = ?", eventId);
        try {
            withoutAppendOnlyTriggers("""
                    UPDATE trail_entry SET actor_org = 'kyoto-materials',
                        canonical = replace(canonical, '"actororg":"mekong-biotech"', '"actororg":"kyoto-materials"')
                    WHERE event_id = ?""", eventId);
            withoutAppendOnlyTriggers("""
                    UPDATE trail_entry SET leaf_hash = sha256('\\x00'::bytea || convert_to(canonical, 'UTF8'))
                    WHERE event_id = ?""", eventId);
            assertThat(jdbc.queryForObject("SELECT canonical FROM trail_entry WHERE event_id = ?", String.class, eventId))
                    .contains("kyoto-materials");

            VerifyExport.Result result = VerifyExport.verify(export("json"), treeHead, null);
            assertThat(result.ok()).isFalse();
            assertThat(result.message()).startsWith("FAILED: entry 4 (event " + eventId);
        } finally {
            // the log is shared with the other tests of this context, which check every stored entry against it
            withoutAppendOnlyTriggers("UPDATE trail_entry SET actor_org = ?, canonical = ?, leaf_hash = ? WHERE event_id = ?",
                    original.get("actor_org"), original.get("canonical"), original.get("leaf_hash"), eventId);
        }
    }

    /** The database's owner, with audit's schema first as the service has it: the service's role may not do this. */
    private JdbcTemplate owner() {
        DriverManagerDataSource owner = new DriverManagerDataSource(env.jdbcUrl(), env.username(), env.password());
        owner.setSchema("audit");
        return new JdbcTemplate(owner);
    }

    /** Runs one statement as the tables' owner would, with the append-only triggers off for its session only. */
    private void withoutAppendOnlyTriggers(String sql, Object... arguments) {
        owner().execute((ConnectionCallback<Void>) connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET session_replication_role = replica");
                try (PreparedStatement update = connection.prepareStatement(sql)) {
                    for (int i = 0; i < arguments.length; i++) {
                        update.setObject(i + 1, arguments[i]);
                    }
                    update.executeUpdate();
                } finally {
                    statement.execute("RESET session_replication_role");
                }
            }
            return null;
        });
    }

    @Test
    void theTrailFiltersByTimePartyAndTypeAndTravelsInTime() {
        JsonNode all = json(get(port, "/audit/assets/" + assetId + "/trail", TestTokens.REGULATOR));
        assertThat(all.get("entries")).hasSize(6);
        assertThat(all.get("entries").get(0).get("leafIndex").isIntegralNumber()).isTrue();
        Instant drafted = Instant.parse(all.get("entries").get(0).get("occurredAt").asText());

        assertThat(json(get(port, "/audit/assets/" + assetId + "/trail?party=mekong-biotech", TestTokens.REGULATOR))
                .get("entries")).hasSize(5);
        assertThat(json(get(port, "/audit/assets/" + assetId + "/trail?type=ListingDrafted", TestTokens.REGULATOR))
                .get("entries")).hasSize(1);
        assertThat(json(get(port, "/audit/assets/" + assetId + "/trail?type=io.techex.bidding.OfferMade.v1&type=ListingDrafted",
                TestTokens.REGULATOR)).get("entries")).hasSize(6);
        assertThat(json(get(port, "/audit/assets/" + assetId + "/trail?from=" + drafted.plusSeconds(2) + "&to="
                + drafted.plusSeconds(4), TestTokens.REGULATOR)).get("entries")).hasSize(2);
        JsonNode then = json(get(port, "/audit/assets/" + assetId + "/trail?asOf=" + drafted.plusSeconds(1), TestTokens.REGULATOR));
        assertThat(then.get("entries")).hasSize(2);
        assertThat(then.get("asset").get("titleVi").asText()).isNotBlank();
        assertThat(get(port, "/audit/assets/" + assetId + "/trail?asOf=" + drafted.minusSeconds(1), TestTokens.REGULATOR)
                .statusCode()).isEqualTo(404);
        // a window of one instant is a legitimate question (to is exclusive, so it holds no event), not a 422
        HttpResponse<String> instant = get(port, "/audit/assets/" + assetId + "/trail?from=" + drafted + "&to=" + drafted,
                TestTokens.REGULATOR);
        assertThat(instant.statusCode()).as(instant.body()).isEqualTo(200);
        assertThat(json(instant).get("entries")).isEmpty();
        HttpResponse<String> backwards = get(port, "/audit/assets/" + assetId + "/trail?from=" + drafted.plusSeconds(4)
                + "&to=" + drafted, TestTokens.REGULATOR);
        assertThat(backwards.statusCode()).isEqualTo(422);
        assertThat(backwards.body()).contains("from");
    }

    /** The export against the tree head kept above (the scheduled signer may have signed a newer one since). */
    private Path export(String format, String... parameters) throws Exception {
        HttpResponse<String> export = get(port, "/audit/assets/" + assetId + "/export?format=" + format + "&treeSize="
                + treeSize + Arrays.stream(parameters).map(p -> "&" + p).collect(Collectors.joining()), TestTokens.REGULATOR);
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        return Files.writeString(files.resolve("export-" + UUID.randomUUID() + "." + format), export.body());
    }

    private Path write(JsonNode export) throws Exception {
        return Files.writeString(files.resolve("edited-" + UUID.randomUUID() + ".json"), export.toString());
    }

    private void send(CloudEvent event) {
        String service = event.getSource().toString().replace("/techex/", "").replace("-service", "");
        kafka.send(topics.eventsOf(service), assetId, event).join();
    }
}
