package io.techex.listing.matching;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.listing.api.AskingPrice;
import io.techex.listing.api.AssetType;
import io.techex.listing.api.DealOption;
import io.techex.listing.api.DealType;
import io.techex.listing.api.IpTitle;
import io.techex.listing.api.IpTitleOwner;
import io.techex.listing.api.LocalizedText;
import io.techex.listing.api.RegulatoryCategory;
import io.techex.listing.catalogue.DraftListing;
import io.techex.listing.catalogue.ListingContent;
import io.techex.listing.catalogue.SubmitListing;
import io.techex.listing.document.TestClient;
import io.techex.listing.need.TestNeeds;
import io.techex.testkit.IntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.techex.listing.document.TestClient.json;
import static io.techex.testkit.TestTokens.FIRM;
import static io.techex.testkit.TestTokens.FOREIGN_FIRM;
import static io.techex.testkit.TestTokens.OPERATOR;
import static io.techex.testkit.TestTokens.REGULATOR;
import static io.techex.testkit.TestTokens.UNIVERSITY;
import static io.techex.testkit.TestTokens.UNIVERSITY_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The matches over real HTTP: a need's best listings for its owner, a listing's best needs for its seller without the
 * need's owner unless public, both for the operator and regulators, nobody else; the announcement of a strong match as
 * the exchange itself; a closed need leaving the listing's matches.
 */
@IntegrationTest
class MatchHttpTest {

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;

    TestClient client;

    @BeforeEach
    void client() {
        client = new TestClient(port);
    }

    @Test
    void theOwnerSeesItsNeedsBestListingsTheSellerItsListingsBestNeedsWithTheReasons() {
        String word = TestNeeds.word();
        String listingId = arsenicFilter(word);
        String needId = TestNeeds.publishedWith(client, FIRM, word);

        await().atMost(Duration.ofSeconds(15)).until(() -> listingIds(client.get("/needs/" + needId + "/matches", FIRM)).contains(listingId));
        JsonNode best = json(client.get("/needs/" + needId + "/matches?limit=1", FIRM)).get("matches").get(0);
        assertThat(best.get("listingId").asText()).isEqualTo(listingId);
        assertThat(best.get("sellerOrganisationId").asText()).isEqualTo("hust");
        assertThat(best.get("score").asDouble()).isBetween(0.7, 1.0);
        assertThat(StreamSupport.stream(best.get("reasons").spliterator(), false).map(r -> r.get("kind").asText()).toList())
                .containsExactly("TEXT", "IPC", "TRL", "DEAL_TYPE", "TERRITORY", "PRICE");
        assertThat(best.get("reasons").get(1).get("detail").asText()).isEqualTo("C02F matches C02F 1/28");
        assertThat(best.get("reasons").get(0).get("detail").asText()).contains("\"" + word + "\"");
        assertThat(client.get("/needs/" + needId + "/matches", REGULATOR).statusCode()).isEqualTo(200);
        assertThat(client.get("/needs/" + needId + "/matches", OPERATOR).statusCode()).isEqualTo(200);
        assertThat(client.get("/needs/" + needId + "/matches", FOREIGN_FIRM).statusCode()).isEqualTo(404);
        assertThat(client.get("/needs/" + needId + "/matches?limit=51", FIRM).statusCode()).isEqualTo(400);

        JsonNode forSeller = needFor(listingId, needId, UNIVERSITY);
        assertThat(forSeller.get("ownerOrganisationId").isNull()).as("the firm's name is not public").isTrue();
        assertThat(forSeller.get("title").get("en").asText()).contains(word);
        assertThat(needFor(listingId, needId, REGULATOR).get("ownerOrganisationId").asText()).isEqualTo("mekong-biotech");
        assertThat(client.get("/listings/" + listingId + "/matches", UNIVERSITY_2).statusCode()).isEqualTo(404);
        assertThat(client.get("/listings/" + listingId + "/matches", FIRM).statusCode()).isEqualTo(404);

        // announced once, by the exchange itself
        String matchId = Match.idOf(needId, listingId);
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Integer.class, matchId) == 1);
        String metadata = new String(jdbc.queryForObject("SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ?",
                byte[].class, matchId), StandardCharsets.UTF_8);
        assertThat(metadata).contains("\"actorPerson\":\"listing-service\"").contains("\"actorRole\":\"SYSTEM\"");

        // a need that closes leaves the listing's matches
        assertThat(client.post("/needs/" + needId + "/closure", null, FIRM).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> StreamSupport.stream(json(client.get("/listings/" + listingId
                + "/matches?limit=50", UNIVERSITY)).get("matches").spliterator(), false).noneMatch(n -> n.get("needId").asText().equals(needId)));
        assertThat(json(client.get("/needs/" + needId + "/matches", FIRM)).get("matches")).isEmpty();
    }

    private JsonNode needFor(String listingId, String needId, String person) {
        await().atMost(Duration.ofSeconds(15)).until(() -> StreamSupport.stream(json(client.get("/listings/" + listingId
                + "/matches?limit=50", person)).get("matches").spliterator(), false).anyMatch(n -> n.get("needId").asText().equals(needId)));
        return StreamSupport.stream(json(client.get("/listings/" + listingId + "/matches?limit=50", person)).get("matches")
                .spliterator(), false).filter(n -> n.get("needId").asText().equals(needId)).findFirst().orElseThrow();
    }

    /** hust's arsenic filter on the market, named with {@code word}, which only the need of this test also has. */
    private String arsenicFilter(String word) {
        String listingId = UUID.randomUUID().toString();
        IpTitle patent = new IpTitle("VN", "1-00" + Math.abs(word.hashCode() % 100_000), "B1", LocalDate.of(2020, 5, 4),
                LocalDate.of(2023, 1, 9), LocalDate.of(2040, 5, 4), List.of(new IpTitleOwner("hust", "Trường hust", BigDecimal.valueOf(100))));
        commands.sendAndWait(new DraftListing(listingId, "hust", new ListingContent(
                new LocalizedText("Bộ lọc asen " + word + " bằng đá ong biến tính", "Arsenic filter " + word + " from modified laterite"),
                new LocalizedText("Lọc asen trong nước giếng khoan cho các xã.", "Arsenic removal for village wells."), AssetType.PATENT, 7,
                List.of(patent), List.of("C02F 1/28"), List.of("asen", word),
                List.of(new DealOption(DealType.NON_EXCLUSIVE_LICENCE, null, "VN")), AskingPrice.of(new BigDecimal("900000000"), "VND"),
                RegulatoryCategory.ORDINARY, false)));
        commands.sendAndWait(new SubmitListing(listingId, "hust"));
        TestClient.publish(commands, listingId, "hust");
        return listingId;
    }

    private static List<String> listingIds(HttpResponse<String> matches) {
        assertThat(matches.statusCode()).as(matches.body()).isEqualTo(200);
        return StreamSupport.stream(json(matches).get("matches").spliterator(), false).map(m -> m.get("listingId").asText()).toList();
    }
}
