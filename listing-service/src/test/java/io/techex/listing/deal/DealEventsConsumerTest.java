package io.techex.listing.deal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.techex.contracts.ContractCheck;
import io.techex.contracts.EventContracts;
import io.techex.contracts.EventJson;
import io.techex.platform.events.Topics;
import io.techex.platform.relay.CloudEventMapper;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * contract-service's events, sent into its real topic, move listings along: under contract, licensed, transferred to
 * the buyer, or back on the market; each event once, however often it is delivered.
 */
@IntegrationTest
class DealEventsConsumerTest {

    static final String LISTING = """
            {"title": {"vi": "Chế phẩm vi sinh xử lý nước thải", "en": "Microbial wastewater treatment"},
             "summary": {"vi": "Chế phẩm vi sinh cho ao nuôi tôm."}, "assetType": "PATENT", "readinessLevel": 7,
             "ipTitles": [{"office": "VN", "number": "1-%s", "filingDate": "2020-01-10", "grantDate": "2021-02-01",
                           "expiryDate": "2040-01-10", "owners": [{"organisationId": "hust", "name": "HUST", "sharePercent": "100"}]}],
             "dealTypes": [{"dealType": "NON_EXCLUSIVE_LICENCE", "territory": "VN"}, {"dealType": "ASSIGNMENT"}],
             "askingPrice": {"onRequest": true}, "regulatoryCategory": "ENCOURAGED"}""";

    /** The same technology offered as an option (evaluation in Vietnam) besides a non-exclusive licence. */
    static final String OPTION_LISTING = LISTING.replace("{\"dealType\": \"ASSIGNMENT\"}",
            "{\"dealType\": \"OPTION\", \"territory\": \"VN\"}");

    @LocalServerPort
    int port;
    @Autowired
    KafkaTemplate<String, CloudEvent> cloudEvents;
    @Autowired
    Topics topics;
    @Autowired
    JdbcTemplate jdbc;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aNonExclusiveLicenceTakesEffectAndTheListingStaysOnTheMarket() throws Exception {
        String listingId = publishedListing();
        String contractId = UUID.randomUUID().toString();

        CloudEvent created = contractEvent("ContractCreated", listingId, Map.of("contractId", contractId, "dealType", "NON_EXCLUSIVE_LICENCE", "territory", "VN"));
        send(created);
        awaitStatus(listingId, "UNDER_CONTRACT");
        int eventsUnderContract = events(listingId);
        send(created); // redelivered: no second effect

        send(contractEvent("ContractActivated", listingId, Map.of("contractId", contractId, "dealType", "NON_EXCLUSIVE_LICENCE", "territory", "VN")));
        awaitStatus(listingId, "LICENSED");
        assertThat(events(listingId)).isEqualTo(eventsUnderContract + 1);
        assertThat(get(listingId, TestTokens.FIRM).statusCode()).isEqualTo(200);
    }

    @Test
    void anAssignmentMakesTheBuyerTheOwner() throws Exception {
        String listingId = publishedListing();
        String contractId = UUID.randomUUID().toString();

        send(contractEvent("ContractCreated", listingId, Map.of("contractId", contractId, "dealType", "ASSIGNMENT")));
        awaitStatus(listingId, "UNDER_CONTRACT");
        send(contractEvent("ContractActivated", listingId, Map.of("contractId", contractId, "dealType", "ASSIGNMENT")));
        send(contractEvent("OwnershipTransferred", listingId, Map.of("contractId", contractId, "toOrganisationId", "mekong-biotech")));

        awaitStatus(listingId, "TRANSFERRED");
        await().atMost(Duration.ofSeconds(10)).until(() -> "mekong-biotech".equals(jdbc.queryForObject(
                "SELECT owner_organisation_id FROM listing_summary WHERE listing_id = ?", String.class, listingId)));
        assertThat(EventJson.mapper().readTree(http.send(request("/listings/mine", TestTokens.FIRM).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body()).toString()).contains(listingId);
    }

    @Test
    void aContractThatEndsBeforeTakingEffectReturnsTheListingToTheMarket() throws Exception {
        String listingId = publishedListing();
        String contractId = UUID.randomUUID().toString();

        send(contractEvent("ContractCreated", listingId, Map.of("contractId", contractId, "dealType", "NON_EXCLUSIVE_LICENCE", "territory", "VN")));
        awaitStatus(listingId, "UNDER_CONTRACT");
        send(contractEvent("ContractTerminated", listingId, Map.of("contractId", contractId, "reason", "AGREEMENT")));

        awaitStatus(listingId, "PUBLISHED");
    }

    /**
     * An option holds the listing under contract while in force; the licence its exercise drew up takes its place
     * and, in effect, licenses the listing; another option that lapses returns its listing to the market.
     */
    @Test
    void anOptionHoldsTheListingUntilItsLicenceTakesEffectOrItLapses() throws Exception {
        String listingId = publishedListing("NEGOTIATION", OPTION_LISTING);
        String optionId = UUID.randomUUID().toString();
        send(contractEvent("ContractCreated", listingId, Map.of("contractId", optionId, "dealType", "OPTION", "territory", "VN")));
        awaitStatus(listingId, "UNDER_CONTRACT");
        send(contractEvent("ContractActivated", listingId, Map.of("contractId", optionId, "dealType", "OPTION", "territory", "VN")));
        String licenceId = UUID.randomUUID().toString();
        send(contractEvent("ContractCreated", listingId, Map.of("contractId", licenceId, "dealType", "EXCLUSIVE_LICENCE",
                "territory", "VN", "exercisedOption", optionId)));
        // the licence took the option's place: a second ListingUnderContract, naming the licence
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%ListingUnderContract'""",
                Integer.class, listingId) == 2);
        send(contractEvent("ContractActivated", listingId, Map.of("contractId", licenceId, "dealType", "EXCLUSIVE_LICENCE", "territory", "VN")));
        awaitStatus(listingId, "LICENSED");

        String lapsingListing = publishedListing("NEGOTIATION", OPTION_LISTING);
        String lapsing = UUID.randomUUID().toString();
        send(contractEvent("ContractCreated", lapsingListing, Map.of("contractId", lapsing, "dealType", "OPTION", "territory", "VN")));
        awaitStatus(lapsingListing, "UNDER_CONTRACT");
        send(contractEvent("ContractActivated", lapsingListing, Map.of("contractId", lapsing, "dealType", "OPTION", "territory", "VN")));
        send(contractEvent("OptionLapsed", lapsingListing, Map.of("contractId", lapsing)));
        awaitStatus(lapsingListing, "PUBLISHED");
    }

    @Test
    void listingReadsTheOptionNamedByALicenceFromItsExerciseAndTheLapseOfAnOption() throws Exception {
        ObjectNode created = EventContracts.find(DealEventsConsumer.CONTRACT_CREATED).orElseThrow().sample().deepCopy();
        created.put("exercisedOption", "5d0c1a7e-8a57-4a5e-9d53-7c2b7a0f7b11");
        assertThat(EventJson.mapper().treeToValue(created, DealEventsConsumer.ExercisedOptionView.class).exercisedOption())
                .isEqualTo("5d0c1a7e-8a57-4a5e-9d53-7c2b7a0f7b11");
        assertThat(EventJson.mapper().treeToValue(EventContracts.find(DealEventsConsumer.CONTRACT_CREATED).orElseThrow().sample(),
                DealEventsConsumer.ExercisedOptionView.class).exercisedOption()).isNull();
        ContractCheck.assertConsumerReads(DealEventsConsumer.OPTION_LAPSED, DealEventsConsumer.OptionLapsedView.class);
    }

    @Test
    void aListingIsUnderNegotiationWhileAnyFirmNegotiatesAndBackOnTheMarketWhenTheLastGivesUp() throws Exception {
        String listingId = publishedListing("NEGOTIATION");
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();

        send(biddingEvent("NegotiationOpened", listingId, Map.of("negotiationId", first)));
        send(biddingEvent("NegotiationOpened", listingId, Map.of("negotiationId", second)));
        awaitStatus(listingId, "UNDER_NEGOTIATION");
        send(biddingEvent("NegotiationEnded", listingId, Map.of("negotiationId", first, "outcome", "EXPIRED")));
        send(biddingEvent("NegotiationEnded", listingId, Map.of("negotiationId", second, "outcome", "REJECTED")));

        awaitStatus(listingId, "PUBLISHED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%ListingReturnedToMarket'",
                Integer.class, listingId)).isEqualTo(1);
    }

    @Test
    void anAuctionWithoutSaleReturnsTheListingAndNewsThatCrossedAWithdrawalChangesNothing() throws Exception {
        String listingId = publishedListing("AUCTION");

        String auctionId = UUID.randomUUID().toString();
        send(biddingEvent("AuctionScheduled", listingId, Map.of("auctionId", auctionId)));
        awaitStatus(listingId, "UNDER_AUCTION");
        send(biddingEvent("AuctionClosedWithoutSale", listingId, Map.of("auctionId", auctionId)));
        awaitStatus(listingId, "PUBLISHED");

        step(listingId, "POST", "/withdrawal", "{}", TestTokens.UNIVERSITY);
        awaitStatus(listingId, "WITHDRAWN");
        CloudEvent late = biddingEvent("AuctionScheduled", listingId, Map.of("auctionId", UUID.randomUUID().toString()));
        send(late);
        // the news was handled (not retried into the dead-letter topic) and the listing stayed withdrawn
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM processed_event WHERE consumer = 'deals' AND event_id = ?", Integer.class, late.getId()) == 1);
        assertThat(jdbc.queryForObject("SELECT status FROM listing_summary WHERE listing_id = ?", String.class, listingId))
                .isEqualTo("WITHDRAWN");
    }

    @Test
    void aBidConcernsNoListingAndLeavesNoInboxRow() throws Exception {
        String listingId = publishedListing("AUCTION");
        CloudEvent bid = biddingEvent("BidPlaced", listingId, Map.of());
        CloudEvent scheduled = biddingEvent("AuctionScheduled", listingId, Map.of("auctionId", UUID.randomUUID().toString()));

        send(bid);
        send(scheduled); // same key, so the same partition: handled after the bid
        awaitStatus(listingId, "UNDER_AUCTION");

        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE consumer = 'deals' AND event_id IN (?, ?)",
                Integer.class, bid.getId(), scheduled.getId())).isEqualTo(1);
    }

    @Test
    void listingsViewsOfBiddingEventsStillReadWhatBiddingServiceSends() {
        ContractCheck.assertConsumerReads(DealEventsConsumer.NEGOTIATION_OPENED, DealEventsConsumer.NegotiationView.class);
        ContractCheck.assertConsumerReads(DealEventsConsumer.NEGOTIATION_ENDED, DealEventsConsumer.NegotiationEndedView.class);
        ContractCheck.assertConsumerReads(DealEventsConsumer.AUCTION_SCHEDULED, DealEventsConsumer.AuctionView.class);
        ContractCheck.assertConsumerReads(DealEventsConsumer.AUCTION_CLOSED_WITHOUT_SALE, DealEventsConsumer.AuctionClosedView.class);
    }

    @Test
    void listingsViewsOfContractEventsStillReadWhatContractServiceSends() {
        ContractCheck.assertConsumerReads(DealEventsConsumer.CONTRACT_CREATED, DealEventsConsumer.ContractCreatedView.class);
        ContractCheck.assertConsumerReads(DealEventsConsumer.CONTRACT_ACTIVATED, DealEventsConsumer.ContractActivatedView.class);
        ContractCheck.assertConsumerReads(DealEventsConsumer.OWNERSHIP_TRANSFERRED, DealEventsConsumer.OwnershipTransferredView.class);
        ContractCheck.assertConsumerReads(DealEventsConsumer.CONTRACT_TERMINATED, DealEventsConsumer.ContractTerminatedView.class);
    }

    /** contract-service's sample of {@code name}, about this listing, with {@code fields} set (terms' fields for deal type and territory). */
    private CloudEvent contractEvent(String name, String listingId, Map<String, String> fields) {
        String type = "io.techex.contract." + name + ".v1";
        ObjectNode data = EventContracts.find(type).orElseThrow().sample().deepCopy();
        data.put("listingId", listingId).put("sellerOrganisationId", "hust").put("buyerOrganisationId", "mekong-biotech");
        ObjectNode terms = data.has("terms") ? (ObjectNode) data.get("terms") : data;
        fields.forEach((field, value) -> {
            if (field.equals("dealType") || field.equals("territory")) {
                terms.put(field, value);
                if (field.equals("dealType") && value.equals("ASSIGNMENT")) {
                    terms.remove("fieldOfUse");
                    terms.remove("territory");
                }
            } else {
                data.put(field, value);
            }
        });
        if (!fields.containsKey("territory") && terms.has("territory") && !"ASSIGNMENT".equals(fields.get("dealType"))) {
            terms.remove("territory");
        }
        if (terms.has("fieldOfUse") && terms != data) {
            terms.remove("fieldOfUse");
        }
        if (terms == data && data.has("fieldOfUse")) {
            data.remove("fieldOfUse");
        }
        return cloudEvent(type, "/techex/contract-service", listingId, data);
    }

    private static CloudEvent cloudEvent(String type, String source, String listingId, ObjectNode data) {
        return CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create(source))
                .withType(type)
                .withSubject(listingId)
                .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(data.toString().getBytes(StandardCharsets.UTF_8))
                .withExtension(CloudEventMapper.PARTITION_KEY, listingId)
                .withExtension(CloudEventMapper.ACTOR_PERSON, "thu.vo")
                .withExtension(CloudEventMapper.ACTOR_ORGANISATION, "mekong-biotech")
                .withExtension(CloudEventMapper.ACTOR_ROLE, "FIRM")
                .build();
    }

    /** bidding-service's sample of {@code name}, about this listing, with {@code fields} set. */
    private CloudEvent biddingEvent(String name, String listingId, Map<String, String> fields) {
        String type = "io.techex.bidding." + name + ".v1";
        ObjectNode data = EventContracts.find(type).orElseThrow().sample().deepCopy();
        data.put("listingId", listingId);
        fields.forEach(data::put);
        return cloudEvent(type, "/techex/bidding-service", listingId, data);
    }

    private void send(CloudEvent event) throws Exception {
        String service = event.getType().startsWith("io.techex.bidding.") ? "bidding" : "contract";
        cloudEvents.send(topics.eventsOf(service), event.getSubject(), event).get();
    }

    private String publishedListing() throws Exception {
        return publishedListing("NEGOTIATION");
    }

    private String publishedListing(String saleMode) throws Exception {
        return publishedListing(saleMode, LISTING);
    }

    private String publishedListing(String saleMode, String listing) throws Exception {
        HttpResponse<String> created = http.send(request("/listings", TestTokens.UNIVERSITY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(listing.formatted(System.nanoTime() % 100_000_000))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String listingId = EventJson.mapper().readTree(created.body()).get("listingId").asText();
        step(listingId, "POST", "/submission", null, TestTokens.UNIVERSITY);
        step(listingId, "POST", "/ownership-verification", null, TestTokens.OPERATOR);
        step(listingId, "PUT", "/sale-mode", "{\"saleMode\": \"" + saleMode + "\"}", TestTokens.UNIVERSITY);
        step(listingId, "POST", "/publication", null, TestTokens.UNIVERSITY);
        awaitStatus(listingId, "PUBLISHED");
        return listingId;
    }

    private void step(String listingId, String method, String step, String body, String person) throws Exception {
        HttpResponse<String> response = http.send(request("/listings/" + listingId + step, person)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(step + ": " + response.body()).isEqualTo(200);
    }

    private void awaitStatus(String listingId, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(jdbc.queryForList(
                "SELECT status FROM listing_summary WHERE listing_id = ?", String.class, listingId).stream().findFirst().orElse(null)));
    }

    private int events(String listingId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Integer.class, listingId);
    }

    private HttpResponse<String> get(String listingId, String person) throws Exception {
        return http.send(request("/listings/" + listingId, person).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String person) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestTokens.get().bearer(person));
    }
}
