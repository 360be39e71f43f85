package io.techex.audit.trail;

import io.cloudevents.CloudEvent;
import io.techex.audit.AuditTestSupport;
import io.techex.contracts.EventJson;
import io.techex.platform.events.Topics;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import static io.techex.audit.AuditTestSupport.getBytes;
import static io.techex.audit.AuditTestSupport.sampled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The trail is written to the client as the database sends it, field by field: the bytes must be the ones the
 * serialised {@link AssetTrail} (what the endpoint answered before) gives, for every kind of entry (with and without a
 * leaf, with and without an actor, data with escapes and non-ASCII text), filtered or not. Its (weak) ETag makes a repeat read
 * a 304 until the trail, its leaves or the log's tree heads change; big answers are gzipped for clients that ask.
 */
@IntegrationTest
class TrailReadTest {

    private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AssetTrails trails;
    @Autowired
    JsonMapper mapper;
    @Autowired
    KafkaTemplate<String, CloudEvent> cloudEvents;
    @Autowired
    Topics topics;

    @Test
    void theStreamedTrailIsByteForByteTheSerialisedOneInOrderAndRepeatReadsAre304UntilItChanges() throws Exception {
        String assetId = UUID.randomUUID().toString();
        // through the recorder and the sequencer: entries with actors, leaves and the asset's headline
        List<CloudEvent> recorded = List.of(
                AuditTestSupport.listingDrafted(assetId, START),
                sampled("io.techex.listing.ListingDraftRevised.v1", assetId, START.plusSeconds(60), "lan.nguyen", "hust", "UNIVERSITY"),
                sampled("io.techex.listing.ListingPublished.v1", assetId, START.plusMillis(120_123), "lan.nguyen", "hust", "UNIVERSITY"));
        for (CloudEvent event : recorded) {
            cloudEvents.send(topics.eventsOf("listing"), assetId, event).get();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject("""
                SELECT count(*) FROM log_leaf l JOIN trail_entry t ON t.event_id = l.event_id WHERE t.asset_id = ?""",
                Integer.class, assetId) == recorded.size());
        // planted beside them, out of time order and without leaves: no actor, escapes, non-ASCII, microseconds
        plant(assetId, START.plusSeconds(30).plusNanos(456_000), null, "{\"note\":\"quote \\\" backslash \\\\ tab \\t\"}");
        plant(assetId, START.plusSeconds(90), "kyoto-materials", "{\"title\":\"Xử lý nước thải\",\"n\":[1,2.50,{\"a\":null}]}");
        plant(assetId, START.minusSeconds(1), "kyoto-materials", "{}");

        String path = "/audit/assets/" + assetId + "/trail";
        HttpResponse<byte[]> whole = getBytes(port, path, TestTokens.REGULATOR);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(new String(whole.body(), StandardCharsets.UTF_8)).isEqualTo(serialised(assetId, TrailQuery.all()));
        List<String> times = new ArrayList<>();
        EventJson.mapper().readTree(whole.body()).get("entries").forEach(entry -> times.add(entry.get("occurredAt").asText()));
        assertThat(times).hasSize(6).isSorted().contains("2026-03-01T08:00:30.000456Z", "2026-03-01T08:02:00.123Z");
        // each recorded event's data as it was published, its members in the producer's order (json, V10): jsonb
        // would have put them in its own (shorter names first)
        Map<String, String> published = new HashMap<>();
        for (CloudEvent event : recorded) {
            published.put(event.getId(), EventJson.mapper().readTree(event.getData().toBytes()).toString());
        }
        Map<String, String> shown = new HashMap<>();
        EventJson.mapper().readTree(whole.body()).get("entries").forEach(entry -> {
            if (published.containsKey(entry.get("eventId").asText())) {
                shown.put(entry.get("eventId").asText(), entry.get("data").toString());
                // sequenced: each has its leaf, found among the asset's leaves (log_asset_leaf, V11)
                assertThat(entry.get("leafIndex").isNumber()).as("leaf of %s", entry.get("eventId")).isTrue();
                assertThat(entry.get("leafHash").asText()).hasSize(44);
            }
        });
        assertThat(shown).isEqualTo(published);

        String filtered = path + "?party=kyoto-materials&type=ListingDraftRevised&type=io.techex.listing.ListingDrafted.v1";
        assertThat(new String(getBytes(port, filtered, TestTokens.REGULATOR).body(), StandardCharsets.UTF_8))
                .isEqualTo(serialised(assetId, new TrailQuery(null, null, "kyoto-materials",
                        List.of("ListingDraftRevised", "io.techex.listing.ListingDrafted.v1"), null)));
        Instant asOf = START.plusSeconds(61);
        assertThat(new String(getBytes(port, path + "?asOf=" + asOf + "&from=" + START, TestTokens.REGULATOR).body(), StandardCharsets.UTF_8))
                .isEqualTo(serialised(assetId, new TrailQuery(START, null, null, List.of(), asOf)));

        String etag = whole.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).startsWith("W/\"").endsWith("\"");
        HttpResponse<byte[]> again = getBytes(port, path, TestTokens.REGULATOR, "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);
        assertThat(getBytes(port, path, TestTokens.REGULATOR, "If-None-Match", "\"other\", " + etag.substring(2)).statusCode()).isEqualTo(304);
        assertThat(getBytes(port, path, TestTokens.REGULATOR, "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);

        // a new tree head changes latestTreeHeadSize, so the version
        assertThat(AuditTestSupport.post(port, "/audit/log/tree-heads", TestTokens.REGULATOR).statusCode()).isIn(200, 201);
        HttpResponse<byte[]> signed = getBytes(port, path, TestTokens.REGULATOR, "If-None-Match", etag);
        assertThat(signed.statusCode()).isEqualTo(200);
        String signedTag = signed.headers().firstValue("ETag").orElseThrow();
        assertThat(signedTag).isNotEqualTo(etag);

        // a new entry, then its leaf: each changes the trail, so the version
        CloudEvent withdrawn = sampled("io.techex.listing.ListingDraftRevised.v1", assetId, START.plusSeconds(200), "lan.nguyen", "hust", "UNIVERSITY");
        cloudEvents.send(topics.eventsOf("listing"), assetId, withdrawn).get();
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM log_leaf WHERE event_id = ?", Integer.class, withdrawn.getId()) == 1);
        HttpResponse<byte[]> grown = getBytes(port, path, TestTokens.REGULATOR, "If-None-Match", signedTag);
        assertThat(grown.statusCode()).isEqualTo(200);
        assertThat(new String(grown.body(), StandardCharsets.UTF_8)).isEqualTo(serialised(assetId, TrailQuery.all())).contains(withdrawn.getId());
        assertThat(grown.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(signedTag);

        HttpResponse<byte[]> unknown = getBytes(port, "/audit/assets/" + UUID.randomUUID() + "/trail", TestTokens.REGULATOR);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(getBytes(port, path + "?asOf=" + URLEncoder.encode(START.minusSeconds(3600).toString(), StandardCharsets.UTF_8),
                TestTokens.REGULATOR).statusCode()).isEqualTo(404);
    }

    @Test
    void theTimesPostgresqlPrintsAreWrittenAsInstantWritesThem() {
        // what the trail's read selects (occurred_at AT TIME ZONE 'UTC'), for times of every fraction's length
        SplittableRandom random = new SplittableRandom(7);
        List<Instant> instants = new ArrayList<>(List.of(Instant.parse("1970-01-01T00:00:00Z"), START,
                START.plusNanos(100_000), START.plusNanos(120_000_000), START.plusNanos(999_999_000),
                Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999Z")));
        for (int i = 0; i < 5_000; i++) {
            long micros = random.nextInt(7) * (long) Math.pow(10, random.nextInt(6)) * random.nextInt(1, 10);
            instants.add(Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L), (micros % 1_000_000) * 1_000));
        }
        // as text: java.sql.Timestamp would move the years before 1582 to the Julian calendar
        String[] times = instants.stream().map(Instant::toString).toArray(String[]::new);
        List<String> written = jdbc.query("""
                SELECT (t::timestamptz AT TIME ZONE 'UTC')::text FROM unnest(?::text[]) WITH ORDINALITY u(t, n) ORDER BY n""",
                (row, n) -> new String(InstantText.ofUtcTimestamp(row.getBytes(1)), StandardCharsets.US_ASCII), (Object) times);
        assertThat(written).isEqualTo(instants.stream().map(Instant::toString).toList());
        // the forms without a shortcut: a fifth year digit, BC
        List<String> others = jdbc.query("""
                SELECT (t AT TIME ZONE 'UTC')::text FROM unnest(ARRAY['10000-01-01 00:00:00.25+00',
                    '0044-03-15 12:00:00.000005+00 BC', '0001-01-01 00:00:00+00 BC']::timestamptz[]) WITH ORDINALITY u(t, n)
                ORDER BY n""", (row, n) -> new String(InstantText.ofUtcTimestamp(row.getBytes(1)), StandardCharsets.US_ASCII));
        assertThat(others).containsExactly("+10000-01-01T00:00:00.250Z", "-0043-03-15T12:00:00.000005Z", "0000-01-01T00:00:00Z");
    }

    @Test
    void aBigTrailIsGzippedForAClientThatAsksAndUnchangedInside() throws IOException {
        String assetId = UUID.randomUUID().toString();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add(new Object[]{UUID.randomUUID().toString(), assetId, Timestamp.from(START.plusSeconds(i)), "{\"round\":" + i + "}"});
        }
        jdbc.batchUpdate("""
                INSERT INTO trail_entry (event_id, asset_id, event_type, source, occurred_at, actor_person, actor_org,
                    actor_role, data) VALUES (?, ?, 'io.techex.bidding.BidPlaced.v1', '/techex/bidding-service', ?,
                    'bidder', 'kyoto-materials', 'FIRM', ?::jsonb)""", rows);
        String path = "/audit/assets/" + assetId + "/trail";

        HttpResponse<byte[]> gzipped = getBytes(port, path, TestTokens.REGULATOR, "Accept-Encoding", "gzip");
        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        byte[] inflated = new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes();
        assertThat(new String(inflated, StandardCharsets.UTF_8)).isEqualTo(serialised(assetId, TrailQuery.all()));
        assertThat(gzipped.body().length).isLessThan(inflated.length / 4);
        // the tag is weak so that Tomcat compresses at all; sent back, it is still a 304
        String etag = gzipped.headers().firstValue("ETag").orElseThrow();
        assertThat(getBytes(port, path, TestTokens.REGULATOR, "Accept-Encoding", "gzip", "If-None-Match", etag).statusCode())
                .isEqualTo(304);
    }

    /** What the endpoint answered before it streamed: the whole AssetTrail through the application's JSON mapper. */
    private String serialised(String assetId, TrailQuery query) {
        return mapper.writeValueAsString(trails.find(assetId, query).orElseThrow());
    }

    private void plant(String assetId, Instant at, String organisation, String data) {
        jdbc.update("""
                INSERT INTO trail_entry (event_id, asset_id, event_type, source, occurred_at, actor_person, actor_org,
                    actor_role, data) VALUES (?, ?, 'io.techex.listing.Noted.v1', '/techex/listing-service', ?, ?, ?, ?, ?::jsonb)""",
                UUID.randomUUID().toString(), assetId, Timestamp.from(at), organisation == null ? null : "someone",
                organisation, organisation == null ? null : "FIRM", data);
    }
}
