package io.techex.listing.proposal;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.listing.document.TestClient;
import io.techex.listing.need.TestNeeds;
import io.techex.testkit.IntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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
 * Proposals over real HTTP with real tokens: a university answers a firm's published need with a listing or an R&D
 * offer and confidential attachments; the firm shortlists, declines, or asks to negotiate; who sees what.
 */
@IntegrationTest
class ProposalHttpTest {

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

    private String listingOnTheMarket(String seller) {
        String listingId = TestClient.published(commands, seller);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.get("/listings/" + listingId, FIRM).statusCode() == 200);
        return listingId;
    }

    private String drafted(String needId, String body, String person) {
        HttpResponse<String> created = client.post("/needs/" + needId + "/proposals", body, person);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("proposalId").asText();
    }

    private JsonNode awaitProposal(String proposalId, String person, String status) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            HttpResponse<String> seen = client.get("/proposals/" + proposalId, person);
            return seen.statusCode() == 200 && json(seen).get("status").asText().equals(status);
        });
        return json(client.get("/proposals/" + proposalId, person));
    }

    @Test
    void aUniversityProposesItsListingWithAConfidentialFileAndTheFirmGoesOnToNegotiate() {
        String needId = TestNeeds.published(client, FIRM);
        String listingId = listingOnTheMarket("hust");
        String proposalId = drafted(needId, """
                {"kind": "LISTING", "listingId": "%s", "message": {"vi": "Bộ lọc đã thử ở Hà Nam."}}""".formatted(listingId), UNIVERSITY);
        awaitProposal(proposalId, UNIVERSITY, "DRAFT");
        // the need's owner does not see a draft
        assertThat(client.get("/proposals/" + proposalId, FIRM).statusCode()).isEqualTo(404);
        assertThat(client.post("/proposals/" + proposalId + "/shortlist", null, FIRM).statusCode()).isEqualTo(404);

        byte[] quote = "%PDF-1.4 báo giá bí mật".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> attached = client.upload("/proposals/" + proposalId + "/attachments?name=bao-gia.pdf", quote,
                "application/pdf", UNIVERSITY);
        assertThat(attached.statusCode()).as(attached.body()).isEqualTo(201);
        String attachmentId = json(attached).get("attachmentId").asText();
        assertThat(client.upload("/proposals/" + proposalId + "/attachments?name=x.pdf", quote, "application/pdf",
                UNIVERSITY_2).statusCode()).as("another university's proposal").isEqualTo(404);

        HttpResponse<String> submitted = client.post("/proposals/" + proposalId + "/submission", null, UNIVERSITY);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
        JsonNode seenByFirm = awaitProposal(proposalId, FIRM, "SUBMITTED");
        assertThat(seenByFirm.get("proposerOrganisationId").asText()).isEqualTo("hust");
        assertThat(seenByFirm.get("listingId").asText()).isEqualTo(listingId);
        assertThat(seenByFirm.get("attachments").get(0).get("name").asText()).isEqualTo("bao-gia.pdf");
        assertThat(json(client.get("/proposals/" + proposalId, UNIVERSITY)).get("needOwnerOrganisationId").isNull())
                .as("the firm's name is not public").isTrue();
        // attachments: files go on drafts only; the two parties read them, nobody else
        assertThat(client.upload("/proposals/" + proposalId + "/attachments?name=late.pdf", quote, "application/pdf",
                UNIVERSITY).statusCode()).isEqualTo(409);
        String path = "/proposals/" + proposalId + "/attachments/" + attachmentId;
        HttpResponse<byte[]> download = client.download(path, FIRM);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(quote);
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).startsWith("attachment"));
        assertThat(client.download(path, UNIVERSITY).statusCode()).isEqualTo(200);
        assertThat(client.download(path, FOREIGN_FIRM).statusCode()).isEqualTo(404);
        assertThat(client.download(path, UNIVERSITY_2).statusCode()).isEqualTo(404);
        assertThat(client.download(path, REGULATOR).statusCode()).isEqualTo(403);
        assertThat(client.download(path, OPERATOR).statusCode()).isEqualTo(403);
        assertThat(client.get("/proposals/" + proposalId, REGULATOR).statusCode()).isEqualTo(200);
        assertThat(client.get("/proposals/" + proposalId, FOREIGN_FIRM).statusCode()).isEqualTo(404);
        assertThat(ids(client.get("/needs/" + needId + "/proposals", FIRM))).containsExactly(proposalId);
        assertThat(client.get("/needs/" + needId + "/proposals", FOREIGN_FIRM).statusCode()).isEqualTo(404);
        assertThat(ids(client.get("/needs/" + needId + "/proposals", UNIVERSITY_2))).isEmpty();
        assertThat(ids(client.get("/proposals?needId=" + needId, UNIVERSITY))).containsExactly(proposalId);

        assertThat(client.post("/proposals/" + proposalId + "/shortlist", null, FIRM).statusCode()).isEqualTo(200);
        HttpResponse<String> negotiate = client.post("/proposals/" + proposalId + "/negotiation", null, FIRM);
        assertThat(negotiate.statusCode()).as(negotiate.body()).isEqualTo(200);
        JsonNode next = json(negotiate).get("makeOffer");
        assertThat(next.get("service").asText()).isEqualTo("bidding-service");
        assertThat(next.get("method").asText()).isEqualTo("POST");
        assertThat(next.get("path").asText()).isEqualTo("/negotiations");
        assertThat(next.get("listingId").asText()).isEqualTo(listingId);
        assertThat(next.get("territory").asText()).isEqualTo("VN");
        // asking to negotiate reveals the firm to the university
        assertThat(awaitProposal(proposalId, UNIVERSITY, "NEGOTIATION_REQUESTED").get("needOwnerOrganisationId").asText())
                .isEqualTo("mekong-biotech");
        assertThat(client.post("/proposals/" + proposalId + "/negotiation", null, FIRM).statusCode()).isEqualTo(409);
    }

    @Test
    void aListingIsTheProposersOwnOnTheMarketAndProposedOncePerNeed() {
        String needId = TestNeeds.published(client, FIRM);
        String theirs = listingOnTheMarket("hcmut");
        HttpResponse<String> notMine = client.post("/needs/" + needId + "/proposals",
                "{\"kind\": \"LISTING\", \"listingId\": \"" + theirs + "\"}", UNIVERSITY);
        assertThat(notMine.statusCode()).isEqualTo(422);
        assertThat(json(notMine).get("errors").get(0).get("field").asText()).isEqualTo("listingId");
        String mine = listingOnTheMarket("hust");
        drafted(needId, "{\"kind\": \"LISTING\", \"listingId\": \"" + mine + "\"}", UNIVERSITY);
        HttpResponse<String> twice = client.post("/needs/" + needId + "/proposals",
                "{\"kind\": \"LISTING\", \"listingId\": \"" + mine + "\"}", UNIVERSITY);
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(json(twice).get("type").asText()).endsWith("/listing-already-proposed");
        HttpResponse<String> noListing = client.post("/needs/" + needId + "/proposals", "{\"kind\": \"LISTING\"}", UNIVERSITY);
        assertThat(noListing.statusCode()).isEqualTo(422);
    }

    @Test
    void anRndOfferIsDeclinedWithAReasonAndHasNoListingToNegotiateOn() {
        String needId = TestNeeds.published(client, FIRM);
        String proposalId = drafted(needId, """
                {"kind": "RND_OFFER", "message": {"en": "We have piloted electro-coagulation."},
                 "rndOffer": {"description": {"vi": "Hệ keo tụ điện hóa cho nước giếng"}, "durationMonths": 18,
                              "cost": {"amount": "800000000"}, "readinessLevel": 7}}""", UNIVERSITY_2);
        JsonNode draft = awaitProposal(proposalId, UNIVERSITY_2, "DRAFT");
        assertThat(draft.get("rndOffer").get("cost").get("amount").asText()).isEqualTo("800000000");
        assertThat(draft.get("rndOffer").get("cost").get("currency").asText()).isEqualTo("VND");
        assertThat(client.post("/proposals/" + proposalId + "/withdrawal", null, UNIVERSITY_2).statusCode())
                .as("a draft is not withdrawn, it is simply not submitted").isEqualTo(409);
        assertThat(client.post("/proposals/" + proposalId + "/submission", null, UNIVERSITY_2).statusCode()).isEqualTo(200);
        awaitProposal(proposalId, FIRM, "SUBMITTED");
        HttpResponse<String> negotiate = client.post("/proposals/" + proposalId + "/negotiation", null, FIRM);
        assertThat(negotiate.statusCode()).isEqualTo(409);
        assertThat(json(negotiate).get("type").asText()).endsWith("/proposal-names-no-listing");
        assertThat(client.post("/proposals/" + proposalId + "/decline", "{}", FIRM).statusCode()).isEqualTo(400);
        assertThat(client.post("/proposals/" + proposalId + "/decline", "{\"reason\": \"Vượt ngân sách\"}", FIRM).statusCode()).isEqualTo(200);
        JsonNode declined = awaitProposal(proposalId, UNIVERSITY_2, "DECLINED");
        assertThat(declined.get("declineReason").asText()).isEqualTo("Vượt ngân sách");
        assertThat(client.post("/proposals/" + proposalId + "/withdrawal", null, UNIVERSITY_2).statusCode()).isEqualTo(409);

        HttpResponse<String> badOffer = client.post("/needs/" + needId + "/proposals", """
                {"kind": "RND_OFFER", "rndOffer": {"description": {"vi": "x"}, "durationMonths": 500, "cost": {"amount": "1"}}}""",
                UNIVERSITY_2);
        assertThat(badOffer.statusCode()).isEqualTo(400);
        assertThat(badOffer.body()).contains("rndOffer.durationMonths");
    }

    @Test
    void aNeedThatEndedTakesNoProposal() {
        String needId = TestNeeds.published(client, FIRM);
        String proposalId = drafted(needId, """
                {"kind": "RND_OFFER", "rndOffer": {"description": {"en": "A filter"}, "durationMonths": 6,
                 "cost": {"amount": "100000000", "currency": "VND"}}}""", UNIVERSITY);
        awaitProposal(proposalId, UNIVERSITY, "DRAFT");
        assertThat(client.post("/needs/" + needId + "/closure", null, FIRM).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> json(client.get("/needs/" + needId, UNIVERSITY)).get("status").asText().equals("CLOSED"));
        HttpResponse<String> late = client.post("/proposals/" + proposalId + "/submission", null, UNIVERSITY);
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(json(late).get("type").asText()).endsWith("/need-not-open");
        assertThat(client.post("/needs/" + needId + "/proposals", """
                {"kind": "RND_OFFER", "rndOffer": {"description": {"en": "A filter"}, "durationMonths": 6,
                 "cost": {"amount": "100000000"}}}""", UNIVERSITY).statusCode()).isEqualTo(409);
    }

    private static List<String> ids(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(json(response).spliterator(), false).map(p -> p.get("proposalId").asText()).toList();
    }
}
