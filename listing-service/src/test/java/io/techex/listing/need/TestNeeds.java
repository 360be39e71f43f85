package io.techex.listing.need;

import io.techex.listing.document.TestClient;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.techex.listing.document.TestClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Needs posted over HTTP for the tests of what follows from them (proposals, matches). */
public final class TestNeeds {

    private TestNeeds() {
    }

    /** A complete arsenic-removal need whose title holds {@code word}; deadline null for none. */
    public static String body(String word, Instant deadline, boolean ownerNamePublic) {
        return """
                {"title": {"vi": "Xử lý nước nhiễm asen %s", "en": "Arsenic removal %s"},
                 "statement": {"vi": "Cần bộ lọc asen giá rẻ cho nước giếng khoan ở 20 xã.", "en": "Low-cost filters for 20 villages."},
                 "keywords": ["asen", "nước ngầm"], "ipcClasses": ["C02F"], "minReadinessLevel": 6,
                 "dealTypes": ["NON_EXCLUSIVE_LICENCE", "ASSIGNMENT"], "territory": "VN",
                 "budget": {"min": "500000000", "max": "2000000000"}, "deadline": %s, "ownerNamePublic": %s,
                 "ownerKind": "STATE_AGENCY"}""".formatted(word, word, deadline == null ? "null" : "\"" + deadline + "\"",
                ownerNamePublic);
    }

    /** A word no other test's need holds. */
    public static String word() {
        return "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** A need of {@code person}'s organisation, published for 60 days, once the read model shows it. */
    public static String published(TestClient client, String person) {
        return publishedWith(client, person, word());
    }

    /** As {@link #published}, its title holding {@code word}. */
    public static String publishedWith(TestClient client, String person, String word) {
        HttpResponse<String> created = client.post("/needs", body(word, Instant.now().plus(Duration.ofDays(60))
                .truncatedTo(ChronoUnit.SECONDS), false), person);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String needId = json(created).get("needId").asText();
        HttpResponse<String> published = client.post("/needs/" + needId + "/publication", null, person);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            HttpResponse<String> seen = client.get("/needs/" + needId, person);
            return seen.statusCode() == 200 && json(seen).get("status").asText().equals("PUBLISHED");
        });
        return needId;
    }
}
