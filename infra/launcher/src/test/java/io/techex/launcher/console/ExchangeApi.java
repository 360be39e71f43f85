package io.techex.launcher.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.techex.contracts.EventContracts;
import io.techex.platform.events.Topics;
import io.techex.platform.relay.CloudEventMapper;
import org.springframework.core.ResolvableType;
import org.springframework.kafka.core.KafkaTemplate;
import io.techex.contracts.EventJson;
import io.techex.launcher.FourServices;
import io.techex.launcher.FourServices.Service;
import io.techex.testkit.TestTokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sets a browser test's scene through the services' APIs, with the real tokens the authorization server gives each
 * person, as {@code DealToRightsEndToEndTest} does: what the people would have done before the test's person opens
 * the console. Everything is made under fresh ids.
 */
final class ExchangeApi {

    static final Duration ACROSS_SERVICES = Duration.ofSeconds(45);
    private static final Duration POLL = Duration.ofMillis(250);

    private final FourServices services;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ExchangeApi(BrowserExchange exchange) {
        this.services = exchange.services();
    }

    /** A contract waiting for the regulator. */
    record WaitingContract(String listingId, String contractId, String title) {
    }

    /**
     * hust publishes a water-treatment patent for negotiation, kyoto-materials (Japan) offers an exclusive licence
     * for Vietnam, hust accepts, both sign: a transfer from Vietnam abroad, which waits for registration.
     */
    WaitingContract contractWaitingForRegistration(String code) throws Exception {
        String title = "Màng lọc gốm xử lý nước thải mạ điện " + code;
        String listingId = publishedListing(title, "NEGOTIATION");
        String offer = """
                {"listingId": "%s", "validUntil": "%s",
                 "terms": {"dealType": "EXCLUSIVE_LICENCE", "territory": "VN", "termMonths": 36,
                           "price": {"currency": "VND", "lumpSum": "2750000000"}}}"""
                .formatted(listingId, Instant.now().plus(Duration.ofDays(3)));
        AtomicReference<HttpResponse<String>> made = new AtomicReference<>();
        await().atMost(ACROSS_SERVICES).pollInterval(Duration.ofMillis(500)).until(() -> {
            // bidding-service answers 404 until the listing's ListingPublished reached it through Kafka
            made.set(send(Service.BIDDING, "POST", "/negotiations", offer, TestTokens.FOREIGN_FIRM));
            assertThat(made.get().statusCode()).as(made.get().body()).isIn(201, 404);
            return made.get().statusCode() == 201;
        });
        String negotiationId = json(made.get()).get("negotiationId").asText();
        ok(send(Service.BIDDING, "POST", "/negotiations/" + negotiationId + "/acceptance", null, TestTokens.UNIVERSITY));

        String contractId = awaitValue(() -> {
            for (JsonNode contract : json(send(Service.CONTRACT, "GET", "/contracts", null, TestTokens.UNIVERSITY))) {
                if (contract.path("listingId").asText().equals(listingId)) {
                    return contract.path("contractId").asText();
                }
            }
            return null;
        });
        sign(contractId, TestTokens.FOREIGN_FIRM);
        sign(contractId, TestTokens.UNIVERSITY);
        awaitValue(() -> "AWAITING_REGISTRATION".equals(json(send(Service.CONTRACT, "GET", "/contracts/" + contractId, null,
                TestTokens.REGULATOR)).path("status").asText()) ? contractId : null);
        return new WaitingContract(listingId, contractId, title);
    }

    /** hust drafts, the operator verifies the ownership, hust publishes: {@code ListingPublished} and what led to it. */
    String publishedListing(String title, String saleMode) throws Exception {
        HttpResponse<String> created = send(Service.LISTING, "POST", "/listings", """
                {"title": {"vi": "%s", "en": "Ceramic membrane for electroplating wastewater"},
                 "summary": {"vi": "Thu hồi niken từ nước thải mạ điện, đã chạy pilot 6 tháng."},
                 "assetType": "PATENT", "readinessLevel": 7,
                 "ipTitles": [{"office": "VN", "number": "1-00%s", "kind": "B1", "filingDate": "2020-05-04",
                               "grantDate": "2022-09-01", "expiryDate": "2040-05-04",
                               "owners": [{"organisationId": "hust", "name": "Đại học Bách khoa Hà Nội", "sharePercent": "100"}]}],
                 "ipcClasses": ["C02F 1/44"], "keywords": ["mạ điện", "màng gốm"],
                 "dealTypes": [{"dealType": "EXCLUSIVE_LICENCE", "territory": "VN"}],
                 "askingPrice": {"amount": "2750000000", "currency": "VND"},
                 "regulatoryCategory": "ORDINARY", "stateFunded": false}""".formatted(title,
                UUID.randomUUID().toString().substring(0, 6).replaceAll("[^0-9]", "7")), TestTokens.UNIVERSITY);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String listingId = json(created).get("listingId").asText();
        ok(send(Service.LISTING, "POST", "/listings/" + listingId + "/submission", null, TestTokens.UNIVERSITY));
        ok(send(Service.LISTING, "POST", "/listings/" + listingId + "/ownership-verification", null, TestTokens.OPERATOR));
        ok(send(Service.LISTING, "PUT", "/listings/" + listingId + "/sale-mode", "{\"saleMode\": \"" + saleMode + "\"}",
                TestTokens.UNIVERSITY));
        ok(send(Service.LISTING, "POST", "/listings/" + listingId + "/publication", null, TestTokens.UNIVERSITY));
        return listingId;
    }

    /** The asset's trail as the regulator reads it, once its event of {@code type} (an event name) is in the log. */
    JsonNode awaitInLog(String assetId, String type) {
        return awaitValue(() -> {
            HttpResponse<String> trail = send(Service.AUDIT, "GET", "/audit/assets/" + assetId + "/trail", null,
                    TestTokens.REGULATOR);
            if (trail.statusCode() != 200) {
                return null;
            }
            JsonNode json = json(trail);
            for (JsonNode entry : json.path("entries")) {
                if (entry.path("type").asText().split("\\.")[3].equals(type) && !entry.path("leafIndex").isNull()) {
                    return json;
                }
            }
            return null;
        });
    }

    /**
     * A listing that went public without its ownership verified: its submission and publication put on
     * listing-service's topic as its relay would (listing-service itself refuses to publish unverified), for the
     * regulator's checks to find. Returns the listing's id and the two events' ids.
     */
    List<String> plantUnverifiedPublication() {
        String listingId = UUID.randomUUID().toString();
        KafkaTemplate<String, CloudEvent> kafka = services.context(Service.LISTING).<KafkaTemplate<String, CloudEvent>>getBeanProvider(
                ResolvableType.forClassWithGenerics(KafkaTemplate.class, String.class, CloudEvent.class)).getObject();
        Topics topics = services.context(Service.LISTING).getBean(Topics.class);
        List<String> planted = new ArrayList<>(List.of(listingId));
        Instant time = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        for (String type : List.of("io.techex.listing.ListingSubmitted.v1", "io.techex.listing.ListingPublished.v1")) {
            ObjectNode data = EventContracts.find(type).orElseThrow().sample().deepCopy();
            data.put("listingId", listingId);
            time = time.plusSeconds(10);
            CloudEvent event = CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                    .withSource(URI.create("/techex/listing-service")).withType(type).withSubject(listingId)
                    .withTime(time.atOffset(ZoneOffset.UTC)).withDataContentType("application/json")
                    .withData(data.toString().getBytes(StandardCharsets.UTF_8))
                    .withExtension(CloudEventMapper.PARTITION_KEY, listingId)
                    .withExtension(CloudEventMapper.ACTOR_PERSON, TestTokens.UNIVERSITY)
                    .withExtension(CloudEventMapper.ACTOR_ORGANISATION, "hust")
                    .withExtension(CloudEventMapper.ACTOR_ROLE, "UNIVERSITY").build();
            kafka.send(topics.eventsOf("listing"), listingId, event).join();
            planted.add(event.getId());
        }
        awaitValue(() -> json(send(Service.AUDIT, "GET", "/audit/assets/" + listingId + "/trail", null, TestTokens.REGULATOR))
                .path("entries").size() == 2 ? listingId : null);
        return planted;
    }

    /** {@code person}'s organisation registers a fresh Ed25519 key and signs the contract's current version. */
    private void sign(String contractId, String person) throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String keyId = person + "-" + UUID.randomUUID();
        HttpResponse<String> registered = send(Service.CONTRACT, "POST", "/signing-keys", """
                {"keyId": "%s", "publicKey": "%s"}""".formatted(keyId,
                Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())), person);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        HttpResponse<String> document = send(Service.CONTRACT, "GET", "/contracts/" + contractId + "/document", null, person);
        assertThat(document.statusCode()).as(document.body()).isEqualTo(200);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(document.body().getBytes(StandardCharsets.UTF_8)));
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(keys.getPrivate());
        signature.update(sha256.getBytes(StandardCharsets.UTF_8));
        ok(send(Service.CONTRACT, "POST", "/contracts/" + contractId + "/signatures", """
                {"keyId": "%s", "signature": "%s", "documentSha256": "%s"}""".formatted(keyId,
                Base64.getEncoder().encodeToString(signature.sign()), sha256), person));
    }

    private HttpResponse<String> send(Service service, String method, String path, String body, String person) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(services.base(service) + path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", TestTokens.get().bearer(person));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.request().uri() + ": " + response.body()).isEqualTo(200);
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return EventJson.mapper().readTree(response.body());
    }

    private static <T> T awaitValue(Callable<T> value) {
        AtomicReference<T> found = new AtomicReference<>();
        await().atMost(ACROSS_SERVICES).pollDelay(Duration.ZERO).pollInterval(POLL).until(() -> {
            found.set(value.call());
            return found.get() != null;
        });
        return found.get();
    }
}
