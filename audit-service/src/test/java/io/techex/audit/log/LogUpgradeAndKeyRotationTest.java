package io.techex.audit.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.techex.audit.AuditServiceApplication;
import io.techex.audit.AuditTestSupport;
import io.techex.audit.verify.VerifyExport;
import io.techex.contracts.EventJson;
import io.techex.platform.events.Topics;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestInfrastructure;
import io.techex.testkit.TestTokens;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.core.KafkaTemplate;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.techex.audit.AuditTestSupport.get;
import static io.techex.audit.AuditTestSupport.json;
import static io.techex.audit.AuditTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The log's life in production: a database written before back-links (format 1 leaves, a head signed over them) is
 * upgraded and keeps verifying; the signing key is rotated, the old heads and exports still verify, and the new key is
 * listed before it signs anything; without a key, outside demo mode, the service does not start.
 */
class LogUpgradeAndKeyRotationTest {

    @TempDir
    Path files;

    @Test
    void leavesFromBeforeBackLinksKeepVerifyingAndOldHeadsAndExportsSurviveAKeyRotation() throws Exception {
        TestEnvironment env = TestInfrastructure.get().newEnvironment("upgrade");
        Path keyA = Files.writeString(files.resolve("key-a.pem"), SigningKey.newKeyPairPem());
        Path keyB = Files.writeString(files.resolve("key-b.pem"), SigningKey.newKeyPairPem());
        SigningKey a = new SigningKey(keyA.toString(), false);
        SigningKey b = new SigningKey(keyB.toString(), false);

        // the database as the previous version left it: asset X at leaves 0, 2, 3 (format 1), another asset at leaf 1,
        // and a head over the four signed with key A
        // a listing id, as the events' contracts want it
        String asset = UUID.randomUUID().toString();
        Flyway.configure().dataSource(env.jdbcUrl(), env.username(), env.password())
                .schemas("audit").defaultSchema("audit").locations("classpath:db/platform", "classpath:db/audit")
                .outOfOrder(true).target("4")
                // as the service migrates: its own role gets its grants (db/platform V0_5)
                .initSql("SET techex.service_role = 'techex_audit'").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(env.jdbcUrl() + "?currentSchema=audit",
                env.username(), env.password()));
        List<String> assets = List.of(asset, UUID.randomUUID().toString(), asset, asset);
        List<byte[]> legacyHashes = new ArrayList<>();
        Instant recorded = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        for (int leaf = 0; leaf < assets.size(); leaf++) {
            legacyHashes.add(recordFormat1(jdbc, leaf, assets.get(leaf), recorded.plusSeconds(leaf)));
        }
        Instant signedAt = recorded.plusSeconds(60);
        byte[] legacyRoot = Rfc9162Reference.mth(legacyHashes);
        jdbc.update("INSERT INTO signing_key (key_id, algorithm, public_key, first_used_at) VALUES (?, 'Ed25519', ?, ?)",
                a.keyId(), a.publicKey(), Timestamp.from(signedAt));
        jdbc.update("INSERT INTO tree_head (tree_size, root_hash, signed_at, key_id, signature) VALUES (4, ?, ?, ?, ?)",
                legacyRoot, Timestamp.from(signedAt), a.keyId(),
                a.sign(TreeHeadSignature.message(4, signedAt.toEpochMilli(), legacyRoot)));

        Path legacyHead;
        Path headBeforeRotation;
        Path exportBeforeRotation;
        try (ConfigurableApplicationContext audit = start(env, keyA)) {
            int port = port(audit);
            assertThat(jdbc.queryForList("SELECT DISTINCT leaf_version FROM log_leaf", Integer.class))
                    .as("the leaves from before keep format 1").containsExactly(1);
            HttpResponse<String> oldHead = get(port, "/audit/log/tree-heads/4", TestTokens.FIRM);
            assertThat(EventJson.mapper().readValue(oldHead.body(), TreeHead.class).signatureValid()).isTrue();
            legacyHead = Files.writeString(files.resolve("head-4.json"), oldHead.body());
            VerifyExport.Result legacy = VerifyExport.verify(export(port, asset, 4), legacyHead, null);
            assertThat(legacy.message()).startsWith("OK: 3 entries of asset " + asset)
                    .contains("complete: the log signed that asset " + asset + " has 3 entries in the tree of size 4,"
                            + " the newest at leaf 3, and its entries, recorded before back-links (leaf format 1), are all"
                            + " there by that count");

            // two new events of the asset: format 2 leaves, the first naming the last format 1 leaf
            send(audit, asset, 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> leavesOf(jdbc, asset) == 5);
            assertThat(jdbc.queryForList("SELECT asset_previous FROM log_leaf WHERE leaf_index >= 4 ORDER BY leaf_index",
                    Long.class)).containsExactly(3L, 4L);
            HttpResponse<String> signed = post(port, "/audit/log/tree-heads", TestTokens.REGULATOR);
            assertThat(json(signed).get("treeSize").asLong()).isEqualTo(6);
            headBeforeRotation = Files.writeString(files.resolve("head-6.json"), signed.body());
            exportBeforeRotation = export(port, asset, 6);
            VerifyExport.Result mixed = VerifyExport.verify(exportBeforeRotation, headBeforeRotation, null);
            assertThat(mixed.message()).startsWith("OK: 5 entries of asset " + asset).contains("complete: ")
                    .contains("its first 3 entries, recorded before back-links (leaf format 1), are all there by that count,"
                            + " and each later one names the one before it");

            JsonNode export = EventJson.mapper().readTree(exportBeforeRotation.toFile());
            assertThat(VerifyExport.verify(without(export, 1), headBeforeRotation, null).message()).as("leaf 2 left out")
                    .isEqualTo("FAILED: 1 of the asset's entries recorded before back-links (leaf format 1, before leaf 4)"
                            + " is missing: the log signed that asset " + asset + " has 5 entries in the tree of size 6,"
                            + " the newest at leaf 5, and the export has 4");
            assertThat(VerifyExport.verify(without(export, 2), headBeforeRotation, null).message()).as("leaf 3 left out")
                    .contains("the asset's entry at leaf 3 is missing: entry 3 (leaf 4) names it");
        }

        // the key is rotated: the new one is listed at once, before it signed anything, beside the old one
        try (ConfigurableApplicationContext audit = start(env, keyB)) {
            int port = port(audit);
            assertThat(json(get(port, "/audit/log/signing-keys", TestTokens.UNIVERSITY)).findValuesAsText("keyId"))
                    .containsExactly(a.keyId(), b.keyId());
            send(audit, asset, 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> leavesOf(jdbc, asset) == 6);
            HttpResponse<String> signed = post(port, "/audit/log/tree-heads", TestTokens.REGULATOR);
            TreeHead rotated = EventJson.mapper().readValue(signed.body(), TreeHead.class);
            assertThat(rotated.keyId()).isEqualTo(b.keyId());
            Path headAfterRotation = Files.writeString(files.resolve("head-7.json"), signed.body());
            assertThat(VerifyExport.verify(export(port, asset, 7), headAfterRotation, null).message())
                    .startsWith("OK: 6 entries of asset " + asset).contains("signed by key " + b.keyId());

            // the old heads, and what was exported under them, still verify
            for (long size : List.of(4L, 6L)) {
                TreeHead old = EventJson.mapper().readValue(get(port, "/audit/log/tree-heads/" + size, TestTokens.FIRM).body(),
                        TreeHead.class);
                assertThat(old.keyId()).isEqualTo(a.keyId());
                assertThat(old.signatureValid()).isTrue();
            }
            assertThat(VerifyExport.verify(exportBeforeRotation, headBeforeRotation, null).ok()).isTrue();
            JsonNode consistency = json(get(port, "/audit/log/proofs/consistency?first=6&second=7", TestTokens.FIRM));
            List<byte[]> proof = new ArrayList<>();
            consistency.get("proof").forEach(hash -> proof.add(Base64.getDecoder().decode(hash.asText())));
            assertThat(Rfc9162Reference.verifyConsistency(6, 7, EventJson.mapper().readValue(headBeforeRotation.toFile(),
                    TreeHead.class).rootHashBytes(), rotated.rootHashBytes(), proof)).as("B's head extends A's").isTrue();

            // exported now against A's head, the asset head is B's: trusted once the regulator pins the log's keys
            Path exportedAgain = export(port, asset, 6);
            VerifyExport.Result unpinned = VerifyExport.verify(exportedAgain, headBeforeRotation, null);
            assertThat(unpinned.message()).startsWith("FAILED: the asset head is signed by key " + b.keyId())
                    .contains("pin the log's keys");
            Path pinned = Files.writeString(files.resolve("log-keys.pem"), publicKeyPem(a) + publicKeyPem(b));
            VerifyExport.Result withKeys = VerifyExport.verify(exportedAgain, headBeforeRotation, pinned);
            assertThat(withKeys.exitCode()).as(withKeys.message()).isEqualTo(VerifyExport.OK);
            assertThat(VerifyExport.verify(exportedAgain, legacyHead, pinned).message()).as("a head of another size")
                    .contains("export again with treeSize=4");
        }
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void outsideDemoModeTheServiceDoesNotStartWithoutAKey(CapturedOutput output) {
        TestEnvironment env = TestInfrastructure.get().newEnvironment("nokey");
        Map<String, Object> properties = new LinkedHashMap<>(env.springProperties());
        properties.put("techex.demo-mode", false);
        assertThatThrownBy(() -> run(properties))
                .rootCause().isInstanceOf(SigningKey.Problem.class)
                .hasMessageContaining("set TECHEX_AUDIT_SIGNING_KEY")
                .hasMessageContaining("openssl genpkey -algorithm ed25519");
        // Spring Boot's short report (SigningKeyFailureAnalyzer), not a stack trace to dig through
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("the audit log has no signing key: set TECHEX_AUDIT_SIGNING_KEY");
    }

    private ConfigurableApplicationContext start(TestEnvironment env, Path key) {
        Map<String, Object> properties = new LinkedHashMap<>(env.springProperties());
        properties.put("techex.demo-mode", false);
        properties.put("techex.audit.signing-key", key);
        properties.put("techex.audit.log.settle", "500ms");
        properties.put("techex.audit.log.sequence-interval", "200ms");
        return run(properties);
    }

    private static ConfigurableApplicationContext run(Map<String, Object> properties) {
        Map<String, Object> all = new LinkedHashMap<>(properties);
        all.put("server.port", 0);
        String[] arguments = all.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(AuditServiceApplication.class)
                .properties("spring.config.name=" + AuditServiceApplication.CONFIG_NAME)
                .run(arguments);
    }

    /** One entry and its format 1 leaf as the previous version recorded them; its leaf hash. */
    private static byte[] recordFormat1(JdbcTemplate jdbc, long leaf, String asset, Instant time) {
        CloudEvent event = AuditTestSupport.listingDrafted(asset, time);
        JsonNode data = readTree(event.getData().toBytes());
        String canonical = LogEntryForm.canonical(event, data);
        byte[] hash = Rfc9162Reference.leaf(canonical.getBytes(StandardCharsets.UTF_8));
        jdbc.update("""
                INSERT INTO trail_entry (event_id, asset_id, event_type, source, occurred_at, actor_person, actor_org,
                    actor_role, data, source_service, kafka_partition, kafka_offset, log_time, canonical, leaf_hash)
                VALUES (?, ?, ?, ?, ?, 'lan.nguyen', 'hust', 'UNIVERSITY', ?::jsonb, 'listing', 0, ?, ?, ?, ?)""",
                event.getId(), asset, event.getType(), event.getSource().toString(), Timestamp.from(time), data.toString(),
                leaf, time.toEpochMilli(), canonical, hash);
        jdbc.update("INSERT INTO log_leaf (leaf_index, event_id, leaf_hash) VALUES (?, ?, ?)", leaf, event.getId(), hash);
        return hash;
    }

    @SuppressWarnings("unchecked")
    private static void send(ConfigurableApplicationContext audit, String asset, int count) {
        KafkaTemplate<String, CloudEvent> kafka = audit.getBean("cloudEventTemplate", KafkaTemplate.class);
        Topics topics = audit.getBean(Topics.class);
        for (int i = 0; i < count; i++) {
            kafka.send(topics.eventsOf("bidding"), asset, AuditTestSupport.sampled("io.techex.bidding.OfferMade.v1", asset,
                    Instant.now(), "thu.vo", "mekong-biotech", "FIRM", "negotiationId", UUID.randomUUID().toString())).join();
        }
    }

    private static int leavesOf(JdbcTemplate jdbc, String asset) {
        return jdbc.queryForObject("SELECT count(*) FROM log_leaf l JOIN trail_entry t ON t.event_id = l.event_id"
                + " WHERE t.asset_id = ?", Integer.class, asset);
    }

    private Path export(int port, String asset, long treeSize) throws Exception {
        HttpResponse<String> export = get(port, "/audit/assets/" + asset + "/export?treeSize=" + treeSize, TestTokens.REGULATOR);
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        return Files.writeString(files.resolve("export-" + UUID.randomUUID() + ".json"), export.body());
    }

    private Path without(JsonNode export, int entry) throws Exception {
        ObjectNode cut = export.deepCopy();
        ((ArrayNode) cut.get("entries")).remove(entry);
        return Files.writeString(files.resolve("cut-" + UUID.randomUUID() + ".json"), cut.toString());
    }

    private static String publicKeyPem(SigningKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(key.publicKey()) + "\n-----END PUBLIC KEY-----\n";
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static JsonNode readTree(byte[] json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
