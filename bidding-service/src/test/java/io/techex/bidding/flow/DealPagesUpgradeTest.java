package io.techex.bidding.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.contracts.EventJson;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestInfrastructure;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A database whose negotiations and auctions were made before V4 (the deal pages' read side) gets their rounds, what
 * each auction sells and each bidder's own bid on the first start after it: V4 empties the read models and the
 * bidding-views processor's token, and the processor rebuilds them from the event store. The state before V4 is made
 * by running the service, then taking V4's tables, columns and record back out, the processor's token left at the head
 * of the store as an earlier release left it.
 */
class DealPagesUpgradeTest {

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void negotiationsAndAuctionsMadeBeforeTheDealPagesGetTheirRoundsAndBidsByAReplay() throws Exception {
        TestEnvironment env = TestInfrastructure.get().newEnvironment("deal-pages-upgrade");
        String negotiated = UUID.randomUUID().toString();
        String auctioned = UUID.randomUUID().toString();
        String negotiationId;
        String auctionId;
        try (ConfigurableApplicationContext before = StandaloneBiddingService.start(env, Clock.systemUTC())) {
            StandaloneBiddingService.publishListing(before, negotiated, "NEGOTIATION", "NON_EXCLUSIVE_LICENCE");
            StandaloneBiddingService.publishListing(before, auctioned, "AUCTION", "ASSIGNMENT");
            String terms = """
                    {"dealType": "NON_EXCLUSIVE_LICENCE", "territory": "VN", "termMonths": 24,
                     "price": {"currency": "VND", "lumpSum": "300000000"}}""";
            String until = Instant.now().plus(Duration.ofDays(3)).toString();
            negotiationId = json(send(before, "POST", "/negotiations", TestTokens.FIRM, """
                    {"listingId": "%s", "terms": %s, "validUntil": "%s"}""".formatted(negotiated, terms, until)), 201)
                    .get("negotiationId").asText();
            json(send(before, "POST", "/negotiations/" + negotiationId + "/counter-offers", TestTokens.UNIVERSITY, """
                    {"terms": %s, "validUntil": "%s"}""".formatted(terms.replace("300000000", "350000000"), until)), 200);
            Instant now = Instant.now();
            auctionId = json(send(before, "POST", "/auctions", TestTokens.UNIVERSITY, """
                    {"listingId": "%s", "dealType": "ASSIGNMENT", "startingPrice": "1000000", "minimumIncrement": "100000",
                     "startsAt": "%s", "endsAt": "%s", "softCloseMinutes": 4}""".formatted(auctioned, now.minusSeconds(1),
                    now.plus(Duration.ofHours(1)))), 201).get("auctionId").asText();
            json(send(before, "POST", "/auctions/" + auctionId + "/bids", TestTokens.FIRM, "{\"amount\": \"1000000\"}"), 201);
            json(send(before, "POST", "/auctions/" + auctionId + "/bids", TestTokens.FOREIGN_FIRM, "{\"amount\": \"1200000\"}"), 201);
            JdbcTemplate jdbc = before.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM auction_bidder_view WHERE auction_id = ?", Integer.class, auctionId) == 2
                    && jdbc.queryForObject("SELECT count(*) FROM negotiation_round_view WHERE negotiation_id = ?",
                    Integer.class, negotiationId) == 2);
        }

        JdbcTemplate database = new JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                env.jdbcUrl(), env.username(), env.password()));
        database.execute("""
                DROP TABLE bidding.negotiation_round_view;
                DROP TABLE bidding.auction_bidder_view;
                DROP INDEX bidding.sealed_bid_view_bidder;
                DROP INDEX bidding.auction_view_seller;
                DROP INDEX bidding.sealed_auction_view_seller;
                ALTER TABLE bidding.negotiation_view DROP COLUMN ended_by, DROP COLUMN ended_at;
                ALTER TABLE bidding.auction_view DROP COLUMN deal_type, DROP COLUMN field_of_use, DROP COLUMN territory,
                    DROP COLUMN term_months, DROP COLUMN soft_close_minutes;
                ALTER TABLE bidding.sealed_auction_view DROP COLUMN field_of_use, DROP COLUMN territory, DROP COLUMN term_months;
                DELETE FROM bidding.flyway_schema_history WHERE version = '4'""");
        assertThat(database.queryForObject("SELECT count(*) FROM bidding.token_entry WHERE processor_name = 'bidding-views'",
                Integer.class)).as("the views' token, at the head of the store").isPositive();

        try (ConfigurableApplicationContext after = StandaloneBiddingService.start(env, Clock.systemUTC())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> send(after, "GET", "/negotiations/" + negotiationId,
                    TestTokens.FIRM, null).statusCode() == 200 && send(after, "GET", "/auctions/" + auctionId,
                    TestTokens.FIRM, null).statusCode() == 200);
            JsonNode negotiation = json(send(after, "GET", "/negotiations/" + negotiationId, TestTokens.FIRM, null), 200);
            assertThat(negotiation.path("rounds")).hasSize(2);
            assertThat(negotiation.at("/rounds/1/terms/price/lumpSum").asText()).isEqualTo("350000000");
            assertThat(negotiation.path("yourTurn").asBoolean()).isTrue();
            JsonNode auction = json(send(after, "GET", "/auctions/" + auctionId, TestTokens.FIRM, null), 200);
            assertThat(auction.path("dealType").asText()).isEqualTo("ASSIGNMENT");
            assertThat(auction.path("softCloseMinutes").asInt()).isEqualTo(4);
            assertThat(auction.path("bidCount").asInt()).isEqualTo(2);
            assertThat(auction.at("/yourBid/amount").asText()).isEqualTo("1000000");
            assertThat(auction.path("youLead").asBoolean()).isFalse();
            assertThat(json(send(after, "GET", "/auctions/" + auctionId, TestTokens.FOREIGN_FIRM, null), 200)
                    .at("/yourBid/amount").asText()).isEqualTo("1200000");
        }
    }

    private HttpResponse<String> send(ConfigurableApplicationContext service, String method, String path, String person,
                                      String body) throws Exception {
        return StandaloneBiddingService.send(http, service, method, path, person, body);
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return EventJson.mapper().readTree(response.body());
    }
}
