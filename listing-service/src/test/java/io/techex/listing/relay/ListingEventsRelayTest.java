package io.techex.listing.relay;

import io.cloudevents.CloudEvent;
import io.techex.contracts.EventContracts;
import io.techex.contracts.EventJson;
import io.techex.platform.events.Topics;
import io.techex.platform.relay.CloudEventMapper;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.KafkaRecords;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What the relay puts on Kafka for a drafted listing: a CloudEvent that keeps the contract. */
@IntegrationTest
class ListingEventsRelayTest {

    @LocalServerPort
    int port;
    @Autowired
    TestEnvironment env;
    @Autowired
    Topics topics;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aDraftedListingIsPublishedAsACloudEventKeyedByTheListing() throws Exception {
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/listings"))
                .header("Content-Type", "application/json")
                .header("Authorization", TestTokens.get().bearer(TestTokens.UNIVERSITY))
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"title": {"vi": "Giống lúa chịu mặn ST25", "en": "ST25 salt-tolerant rice"},
                         "summary": {"vi": "Giống lúa chịu mặn cho Đồng bằng sông Cửu Long."},
                         "assetType": "PLANT_VARIETY", "readinessLevel": 9}""")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        String listingId = EventJson.mapper().readTree(created.body()).get("listingId").asText();

        KafkaRecords.Received record;
        try (var reader = KafkaRecords.read(env.kafkaBootstrapServers(), topics.events())) {
            record = reader.awaitRecord(r -> listingId.equals(r.key()), Duration.ofSeconds(20));
        }
        CloudEvent event = StructuredCloudEvents.of(record);
        String storedEventId = jdbc.queryForObject("SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ?",
                String.class, listingId);

        assertThat(event.getId()).isEqualTo(storedEventId);
        assertThat(event.getType()).isEqualTo("io.techex.listing.ListingDrafted.v1");
        assertThat(event.getSource()).isEqualTo(URI.create("/techex/listing-service"));
        assertThat(event.getSubject()).isEqualTo(listingId);
        assertThat(event.getTime()).isNotNull();
        assertThat(event.getDataSchema()).hasToString("https://techex.io/contracts/listing/ListingDrafted.v1.schema.json");
        assertThat(event.getExtension(CloudEventMapper.PARTITION_KEY)).isEqualTo(listingId);
        assertThat(event.getExtension(CloudEventMapper.ACTOR_PERSON)).isEqualTo("lan.nguyen");
        assertThat(event.getExtension(CloudEventMapper.ACTOR_ORGANISATION)).isEqualTo("hust");
        assertThat(event.getExtension(CloudEventMapper.ACTOR_ROLE)).isEqualTo("UNIVERSITY");
        var data = EventJson.mapper().readTree(event.getData().toBytes());
        assertThat(EventContracts.find(event.getType()).orElseThrow().violations(data)).isEmpty();
        assertThat(data.get("title").get("vi").asText()).isEqualTo("Giống lúa chịu mặn ST25");
    }
}
