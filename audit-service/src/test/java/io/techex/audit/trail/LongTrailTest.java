package io.techex.audit.trail;

import io.techex.audit.AuditTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trail of an asset with 10,000 events comes back whole over HTTP, in order, and filters narrow it exactly. How fast
 * it answers is the benchmark's business (infra/bench, the "audit trail" row), not a test's: a timed assertion here only
 * measured how busy the machine was.
 */
@IntegrationTest
class LongTrailTest {

    private static final int EVENTS = 10_000;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theTrailOfAnAssetWithTenThousandEventsComesBackWholeAndFiltersNarrowItExactly() {
        String assetId = UUID.randomUUID().toString();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<Object[]> rows = new ArrayList<>(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            rows.add(new Object[]{UUID.randomUUID().toString(), assetId, "io.techex.bidding.BidPlaced.v1",
                    Timestamp.from(start.plusSeconds(i)), i % 2 == 0 ? "mekong-biotech" : "kyoto-materials",
                    "{\"auctionId\":\"" + assetId + "\",\"round\":" + i + ",\"amount\":\"" + (1_000_000 + i) + "\"}"});
        }
        // planted directly: 10,000 trips through Kafka would only slow the test
        jdbc.batchUpdate("""
                INSERT INTO trail_entry (event_id, asset_id, event_type, source, occurred_at, actor_person, actor_org,
                    actor_role, data) VALUES (?, ?, ?, '/techex/bidding-service', ?, 'bidder', ?, 'FIRM', ?::jsonb)""", rows);

        HttpResponse<String> trail = AuditTestSupport.get(port, "/audit/assets/" + assetId + "/trail", TestTokens.REGULATOR);
        assertThat(trail.statusCode()).isEqualTo(200);
        JsonNode entries = AuditTestSupport.json(trail).get("entries");
        assertThat(entries).hasSize(EVENTS);
        for (int i = 0; i < EVENTS; i += 997) {
            assertThat(entries.get(i).at("/data/round").asInt()).as("entry %d in order", i).isEqualTo(i);
        }

        HttpResponse<String> filtered = AuditTestSupport.get(port, "/audit/assets/" + assetId + "/trail?party=kyoto-materials&from="
                + start.plusSeconds(2_000) + "&type=BidPlaced", TestTokens.REGULATOR);
        JsonNode narrowed = AuditTestSupport.json(filtered).get("entries");
        assertThat(narrowed).hasSize((EVENTS - 2_000) / 2);
        assertThat(narrowed.get(0).at("/data/round").asInt()).isEqualTo(2_001);
        assertThat(narrowed).allSatisfy(entry -> assertThat(entry.at("/actor/organisation").asText()).isEqualTo("kyoto-materials"));
    }
}
