package io.techex.bidding.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.techex.bidding.BiddingServiceApplication;
import io.techex.contracts.EventContracts;
import io.techex.platform.events.Topics;
import io.techex.platform.relay.CloudEventMapper;
import io.techex.testkit.TestTokens;
import io.techex.testkit.TestEnvironment;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
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
import java.util.UUID;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** bidding-service as its own application, as it runs in production, for tests that stop and start it. */
final class StandaloneBiddingService {

    private StandaloneBiddingService() {
    }

    /** The service on a free port, in the environment, reading {@code clock}. */
    static ConfigurableApplicationContext start(TestEnvironment env, Clock clock) {
        Map<String, Object> properties = new LinkedHashMap<>(env.springProperties());
        properties.put("server.port", 0);
        List<String> arguments = new ArrayList<>();
        arguments.add("--spring.config.name=" + BiddingServiceApplication.CONFIG_NAME);
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(BiddingServiceApplication.class)
                .initializers(context -> {
                    // the one clock, registered before the configuration classes so that theirs back off
                    context.getBeanFactory().registerSingleton("movableClock", clock);
                    // the application scans io.techex.bidding, test classes included: leave other tests' set-ups out
                    context.getBeanFactory().registerSingleton("otherTestsConfigurations", new TestConfigurationsExcluded());
                })
                .run(arguments.toArray(String[]::new));
    }

    /** listing-service's ListingPublished for a new listing of hust, then waits until bidding knows it. */
    @SuppressWarnings("unchecked")
    static void publishListing(ConfigurableApplicationContext service, String listingId, String saleMode, String dealType)
            throws Exception {
        ObjectNode data = EventContracts.find("io.techex.listing.ListingPublished.v1").orElseThrow().sample().deepCopy();
        data.put("listingId", listingId).put("saleMode", saleMode);
        data.putArray("dealTypes").addObject().put("dealType", dealType);
        CloudEvent event = CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create("/techex/listing-service"))
                .withType("io.techex.listing.ListingPublished.v1")
                .withSubject(listingId)
                .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(data.toString().getBytes(StandardCharsets.UTF_8))
                .withExtension(CloudEventMapper.PARTITION_KEY, listingId)
                .build();
        KafkaTemplate<String, CloudEvent> kafka = service.getBean("cloudEventTemplate", KafkaTemplate.class);
        kafka.send(service.getBean(Topics.class).eventsOf("listing"), listingId, event).get();
        JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.queryForObject("SELECT count(*) FROM biddable_listing WHERE listing_id = ?", Integer.class, listingId) == 1);
    }

    /** A request to the running service as {@code person}, with the token the authorization server issued them. */
    static HttpResponse<String> send(HttpClient http, ConfigurableApplicationContext service, String method, String path,
                                     String person, String body) throws Exception {
        String port = service.getEnvironment().getProperty("local.server.port");
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestTokens.get().bearer(person))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Keeps {@code @TestConfiguration} classes (such as another test's clock) out of the application's scan. */
    static final class TestConfigurationsExcluded extends TypeExcludeFilter {
        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            return reader.getAnnotationMetadata().hasAnnotation(TestConfiguration.class.getName());
        }
    }
}
