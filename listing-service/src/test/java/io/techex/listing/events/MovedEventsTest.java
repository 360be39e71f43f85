package io.techex.listing.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.contracts.EventJson;
import io.techex.listing.api.ConfidentialDocumentViewed;
import io.techex.listing.api.NdaAccepted;
import io.techex.listing.catalogue.ListingCatalogueProjection;
import io.techex.listing.catalogue.ListingStatus;
import io.techex.listing.disclosure.Nda;
import io.techex.listing.disclosure.NdaRequested;
import io.techex.listing.document.TestClient;
import io.techex.platform.actor.Actor;
import io.techex.platform.events.Topics;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.KafkaRecords;
import io.techex.testkit.TestEnvironment;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import static io.techex.listing.document.TestClient.json;
import static io.techex.testkit.TestTokens.FIRM;
import static io.techex.testkit.TestTokens.UNIVERSITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A database the released listing-service wrote: an NDA accepted, and a confidential document viewed, stored under the
 * class names those public events had beside their features ({@code disclosure.NdaAccepted},
 * {@code document.ConfidentialDocumentViewed}), each row as Axon writes one. The NDA aggregate and the disclosures
 * projection read the acceptance, and the relay publishes both under the same CloudEvent types as ever.
 */
@IntegrationTest
class MovedEventsTest {

    private static final Actor SELLER = new Actor("lan.nguyen", "hust", Actor.Role.UNIVERSITY);
    private static final Actor BUYER = new Actor("thu.vo", "mekong-biotech", Actor.Role.FIRM);
    private static final byte[] LAB_REPORT = "%PDF-1.7 pilot lab report, confidential".getBytes(StandardCharsets.UTF_8);

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    ListingCatalogueProjection catalogue;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Autowired
    Clock clock;
    @Autowired
    TestEnvironment env;
    @Autowired
    Topics topics;

    @Test
    void anNdaAcceptedUnderTheReleasedNameOpensTheConfidentialPartAndCannotBeAskedAgain() {
        TestClient client = new TestClient(port);
        String listingId = TestClient.published(commands, "hust");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> catalogue.find(listingId).map(summary -> summary.status() == ListingStatus.PUBLISHED).orElse(false));
        HttpResponse<String> uploaded = client.upload("/listings/" + listingId + "/documents?name=report.pdf&visibility=CONFIDENTIAL",
                LAB_REPORT, "application/pdf", UNIVERSITY);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        String report = "/listings/" + listingId + "/documents/" + json(uploaded).get("documentId").asText();

        String ndaId = Nda.idOf(listingId, "mekong-biotech");
        store(ndaId, 0, "Nda", NdaRequested.class.getName(),
                new NdaRequested(ndaId, listingId, "hust", "mekong-biotech", "Pilot in Cần Thơ"), BUYER);
        store(ndaId, 1, "Nda", "io.techex.listing.disclosure.NdaAccepted",
                new NdaAccepted(ndaId, listingId, "hust", "mekong-biotech"), SELLER);

        // the aggregate knows the NDA is accepted, not merely requested
        HttpResponse<String> again = client.post("/listings/" + listingId + "/nda-requests", null, FIRM);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(json(again).get("type").asText()).endsWith("/nda-already-accepted");
        // the disclosures projection lets the firm read the confidential document
        await().atMost(Duration.ofSeconds(30)).until(() -> client.download(report, FIRM).statusCode() == 200);
        assertThat(json(client.get("/nda-requests/" + ndaId, FIRM)).path("status").asText()).isEqualTo("ACCEPTED");

        // an event of no aggregate, as the released service recorded a view
        String viewedDocument = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        store(eventId, 0, null, "io.techex.listing.document.ConfidentialDocumentViewed",
                new ConfidentialDocumentViewed(listingId, viewedDocument, "ab".repeat(32), "mekong-biotech"), BUYER);

        try (var reader = KafkaRecords.read(env.kafkaBootstrapServers(), topics.events())) {
            JsonNode accepted = cloudEvent(reader.awaitRecord(r -> listingId.equals(r.key())
                    && r.valueAsString().contains("\"io.techex.listing.NdaAccepted.v1\""), Duration.ofSeconds(30)));
            assertThat(accepted.get("actorperson").asText()).isEqualTo("lan.nguyen");
            assertThat(accepted.at("/data/ndaId").asText()).isEqualTo(ndaId);
            JsonNode viewed = cloudEvent(reader.awaitRecord(r -> listingId.equals(r.key())
                    && r.valueAsString().contains(viewedDocument), Duration.ofSeconds(30)));
            assertThat(viewed.get("type").asText()).isEqualTo("io.techex.listing.ConfidentialDocumentViewed.v1");
            assertThat(viewed.get("id").asText()).isEqualTo(eventId);
            assertThat(viewed.get("actorperson").asText()).isEqualTo("thu.vo");
        }
    }

    /**
     * One row as Axon stores an event: the payload and the actor's metadata serialized by the service's event
     * serializer, under {@code payloadType}. An event of no aggregate is its own aggregate of one event.
     */
    private void store(String aggregateId, long sequence, String aggregateType, String payloadType, Object event, Actor actor) {
        SerializedObject<byte[]> payload = eventSerializer.serialize(event, byte[].class);
        SerializedObject<byte[]> metaData = eventSerializer.serialize(MetaData.from(actor.asMetaData()), byte[].class);
        jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                                                payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", aggregateType == null ? aggregateId : UUID.randomUUID().toString(),
                aggregateId, sequence, aggregateType, clock.instant().toString(), payloadType,
                payload.getType().getRevision(), payload.getData(), metaData.getData());
    }

    private static JsonNode cloudEvent(KafkaRecords.Received record) {
        try {
            return EventJson.mapper().readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
