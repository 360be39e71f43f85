package io.techex.bidding.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.contracts.EventJson;
import io.techex.platform.events.Topics;
import io.techex.testkit.KafkaRecords;
import io.techex.testkit.MovableClock;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestInfrastructure;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An auction's end passes while bidding-service is down: the service is started as its own application against a fresh
 * database and the shared broker, takes an auction and a bid, and is stopped; its clock (one instance across both runs,
 * as the wall clock is) moves past the end; a second run against the same database and broker closes the auction from
 * the persisted deadline and publishes DealAgreed once.
 */
class RestartAcrossDeadlineTest {

    /** The clock of both runs. */
    static final MovableClock CLOCK = new MovableClock();

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anAuctionWhoseEndPassedWhileTheServiceWasDownIsClosedOnceWhenItComesBack() throws Exception {
        TestEnvironment env = TestInfrastructure.get().newEnvironment("restart");
        String listingId = UUID.randomUUID().toString();
        String auctionId;
        String topic;
        try (ConfigurableApplicationContext first = start(env)) {
            topic = first.getBean(Topics.class).events();
            publishListing(first, listingId);
            Instant now = CLOCK.instant();
            var scheduled = send(first, "POST", "/auctions", TestTokens.UNIVERSITY, """
                    {"listingId": "%s", "dealType": "ASSIGNMENT", "startingPrice": "2000000", "minimumIncrement": "100000",
                     "startsAt": "%s", "endsAt": "%s"}""".formatted(listingId, now.minusSeconds(1), now.plus(Duration.ofHours(1))));
            assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(201);
            auctionId = EventJson.mapper().readTree(scheduled.body()).get("auctionId").asText();
            var bid = send(first, "POST", "/auctions/" + auctionId + "/bids", TestTokens.FOREIGN_FIRM, "{\"amount\": \"2500000\"}");
            assertThat(bid.statusCode()).as(bid.body()).isEqualTo(201);
            Instant endsAt = now.plus(Duration.ofHours(1));
            assertThat(first.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT count(*) FROM scheduled_tasks WHERE execution_time BETWEEN ? AND ?", Integer.class,
                    java.sql.Timestamp.from(endsAt.minusSeconds(1)), java.sql.Timestamp.from(endsAt.plusSeconds(1))))
                    .as("the end is a persisted deadline").isEqualTo(1);
        }

        CLOCK.advance(Duration.ofHours(2));

        try (ConfigurableApplicationContext second = start(env);
             var records = KafkaRecords.read(env.kafkaBootstrapServers(), topic)) {
            records.awaitRecord(r -> listingId.equals(r.key()) && r.valueAsString().contains("io.techex.bidding.DealAgreed.v1"),
                    Duration.ofSeconds(60));
            // and no second one, however long the scheduler and the relay keep running
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> dealsOn(records.poll(), listingId).size() == 1);
            JsonNode deal = dealsOn(records.seen(), listingId).getFirst();
            assertThat(deal.at("/buyerOrganisationId").asText()).isEqualTo("kyoto-materials");
            assertThat(deal.at("/terms/price/lumpSum").asText()).isEqualTo("2500000");
            assertThat(second.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%DealAgreed'",
                    Integer.class, auctionId)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> EventJson.mapper().readTree(
                    send(second, "GET", "/auctions/" + auctionId, TestTokens.REGULATOR, null).body()).path("status").asText().equals("WON"));
        }
    }

    private static List<JsonNode> dealsOn(List<KafkaRecords.Received> records, String listingId) {
        List<JsonNode> deals = new ArrayList<>();
        for (KafkaRecords.Received record : records) {
            if (listingId.equals(record.key()) && record.valueAsString().contains("io.techex.bidding.DealAgreed.v1")) {
                try {
                    deals.add(EventJson.mapper().readTree(record.valueAsString()).get("data"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return deals;
    }

    private static ConfigurableApplicationContext start(TestEnvironment env) {
        return StandaloneBiddingService.start(env, CLOCK);
    }

    private static void publishListing(ConfigurableApplicationContext service, String listingId) throws Exception {
        StandaloneBiddingService.publishListing(service, listingId, "AUCTION", "ASSIGNMENT");
    }

    private HttpResponse<String> send(ConfigurableApplicationContext service, String method, String path, String person,
                                      String body) throws Exception {
        return StandaloneBiddingService.send(http, service, method, path, person, body);
    }
}
