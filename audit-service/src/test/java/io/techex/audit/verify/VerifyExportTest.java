package io.techex.audit.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.techex.audit.AuditTestSupport;
import io.techex.contracts.EventJson;
import io.techex.platform.events.Topics;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

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
    @TempDir
    Path files;

    String assetId;
    Path treeHead;

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
    void theLogRefusesUpdatesAndDeletesAndARowTamperedInPostgresqlIsCaughtByTheVerifier() throws Exception {
        String eventId = jdbc.queryForObject("""
                SELECT t.event_id FROM trail_entry t JOIN log_leaf l ON l.event_id = t.event_id
                WHERE t.asset_id = ? ORDER BY l.leaf_index OFFSET 3 LIMIT 1""", String.class, assetId);
        assertThatThrownBy(() -> jdbc.update("UPDATE trail_entry SET data = '{}' WHERE event_id = ?", eventId))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM log_leaf WHERE event_id = ?", eventId))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("UPDATE tree_head SET root_hash = root_hash"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");

        // the owner (a superuser here) switches the triggers off for its session and rewrites who made an offer,
        // its canonical form and its leaf hash, so that the row is consistent in itself
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET session_replication_role = replica");
                statement.execute("""
                        UPDATE trail_entry SET actor_org = 'kyoto-materials',
                            canonical = replace(canonical, '"actororg":"mekong-biotech"', '"actororg":"kyoto-materials"')
                        WHERE event_id = '%s'""".formatted(eventId));
                statement.execute("""
                        UPDATE trail_entry SET leaf_hash = sha256('\\x00'::bytea || convert_to(canonical, 'UTF8'))
                        WHERE event_id = '%s'""".formatted(eventId));
                statement.execute("RESET session_replication_role");
            }
            return null;
        });
        assertThat(jdbc.queryForObject("SELECT canonical FROM trail_entry WHERE event_id = ?", String.class, eventId))
                .contains("kyoto-materials");

        VerifyExport.Result result = VerifyExport.verify(export("json"), treeHead, null);
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).startsWith("FAILED: entry 4 (event " + eventId);
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

    private Path export(String format) throws Exception {
        HttpResponse<String> export = get(port, "/audit/assets/" + assetId + "/export?format=" + format, TestTokens.REGULATOR);
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        return Files.writeString(files.resolve("export-" + UUID.randomUUID() + "." + format), export.body());
    }

    private void send(CloudEvent event) {
        String service = event.getSource().toString().replace("/techex/", "").replace("-service", "");
        kafka.send(topics.eventsOf(service), assetId, event).join();
    }
}
