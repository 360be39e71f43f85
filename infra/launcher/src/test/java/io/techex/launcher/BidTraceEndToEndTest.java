package io.techex.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.techex.audit.AuditServiceApplication;
import io.techex.bidding.BiddingServiceApplication;
import io.techex.contracts.EventJson;
import io.techex.listing.ListingServiceApplication;
import io.techex.platform.consumer.EventInbox;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestInfrastructure;
import io.techex.testkit.TestTokens;
import io.techex.testkit.openapi.OpenApiConformance;
import io.techex.testkit.openapi.OpenApiConformanceExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace from a bid's HTTP request to the regulators' trail (issue #18): a caller sends the bid in a trace of its
 * own ({@code traceparent}); bidding-service handles it in a server span of that trace, stores the context with
 * BidPlaced, its relay publishes the event as a child span and hands the context on in the CloudEvent, and
 * audit-service records the bid in a span of the same trace, logging with the trace's id. Listing-service is there
 * because bidding takes auctions only of listings it heard were published.
 */
@ExtendWith(OpenApiConformanceExtension.class)
class BidTraceEndToEndTest {

    static final String BID_PLACED = "io.techex.bidding.BidPlaced.v1";
    static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("cloudevents.event_type");
    static final AttributeKey<String> CONSUMER = AttributeKey.stringKey("techex.consumer");

    /** The spans every service of this test finishes, as they end. */
    static final InMemorySpanExporter FINISHED = InMemorySpanExporter.create();

    static ConfigurableApplicationContext listing;
    static ConfigurableApplicationContext bidding;
    static ConfigurableApplicationContext audit;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startThreeServices() {
        long started = System.nanoTime();
        TestEnvironment env = TestInfrastructure.get().newEnvironment("trace-e2e");
        Map<String, Object> properties = new LinkedHashMap<>(env.springProperties());
        properties.put("server.port", 0);
        properties.put("logging.include-application-name", false);
        properties.put("spring.main.banner-mode", "off");
        TestTokens.get();
        listing = start(ListingServiceApplication.class, ListingServiceApplication.CONFIG_NAME, properties);
        bidding = start(BiddingServiceApplication.class, BiddingServiceApplication.CONFIG_NAME, properties);
        audit = start(AuditServiceApplication.class, AuditServiceApplication.CONFIG_NAME, properties);
        System.out.printf("BidTraceEndToEndTest: three services up in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    private static ConfigurableApplicationContext start(Class<?> application, String configName, Map<String, Object> properties) {
        return new SpringApplicationBuilder(application)
                .initializers(OpenApiConformance.initializer())
                // Boot's tracer hands every span processor bean its finished spans
                .initializers(context -> context.getBeanFactory()
                        .registerSingleton("finishedSpans", SimpleSpanProcessor.create(FINISHED)))
                .run(TechExLocal.arguments(configName, properties));
    }

    @AfterAll
    static void stopThem() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[]{audit, bidding, listing}) {
            if (context != null) {
                context.close();
            }
        }
    }

    @Test
    void aBidsTraceReachesTheAuditConsumerThatRecordsItAndItsLogLine() throws Exception {
        long started = System.nanoTime();
        String listingId = publishedAuctionListing();
        AtomicReference<String> auctionId = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> scheduled = send(bidding, "POST", "/auctions", """
                    {"listingId": "%s", "dealType": "EXCLUSIVE_LICENCE", "territory": "VN", "termMonths": 60,
                     "startingPrice": "500000000", "reservePrice": "600000000", "minimumIncrement": "10000000",
                     "currency": "VND", "startsAt": "%s", "endsAt": "%s", "softCloseMinutes": 0}""".formatted(listingId,
                    Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS), Instant.now().plus(Duration.ofHours(1))),
                    TestTokens.UNIVERSITY, null);
            // 404 until ListingPublished has reached bidding-service through Kafka
            assertThat(scheduled.statusCode()).as(scheduled.body()).isIn(201, 404);
            if (scheduled.statusCode() == 201) {
                auctionId.set(json(scheduled).get("auctionId").asText());
            }
            return auctionId.get() != null;
        });

        Logger inboxLog = (Logger) LoggerFactory.getLogger(EventInbox.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Level level = inboxLog.getLevel();
        inboxLog.setLevel(Level.DEBUG);
        logged.start();
        inboxLog.addAppender(logged);
        SecureRandom random = new SecureRandom();
        String traceId = HexFormat.of().formatHex(random.generateSeed(16));
        String callerSpanId = HexFormat.of().formatHex(random.generateSeed(8));
        try {
            HttpResponse<String> bid = send(bidding, "POST", "/auctions/" + auctionId.get() + "/bids",
                    "{\"amount\": \"550000000\", \"currency\": \"VND\"}", TestTokens.FOREIGN_FIRM,
                    "00-" + traceId + "-" + callerSpanId + "-01");
            assertThat(bid.statusCode()).as(bid.body()).isEqualTo(201);

            await().atMost(Duration.ofSeconds(45)).until(() -> auditSpan(traceId) != null);
            await().atMost(Duration.ofSeconds(10)).until(() -> auditLogLine(logged, traceId) != null);
        } finally {
            inboxLog.detachAppender(logged);
            inboxLog.setLevel(level);
        }

        List<SpanData> trace = FINISHED.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
        SpanData server = trace.stream().filter(span -> span.getParentSpanId().equals(callerSpanId)).findFirst()
                .orElseThrow(() -> new AssertionError("no span of bidding-service continues the caller's: " + trace));
        assertThat(server.getName()).as("the HTTP request's span").containsIgnoringCase("post");
        SpanData relay = trace.stream().filter(span -> span.getName().equals("relay publish")).findFirst()
                .orElseThrow(() -> new AssertionError("no relay span in the bid's trace: " + trace));
        SpanData recorded = auditSpan(traceId);
        assertThat(recorded.getName()).isEqualTo("process trail");
        assertThat(recorded.getParentSpanId()).as("audit continues the relay's span").isEqualTo(relay.getSpanId());
        assertThat(recorded.getAttributes().get(EVENT_TYPE)).isEqualTo(BID_PLACED);
        ILoggingEvent line = auditLogLine(logged, traceId);
        assertThat(line.getFormattedMessage()).contains("trail handled " + BID_PLACED);
        assertThat(line.getMDCPropertyMap()).containsEntry("spanId", recorded.getSpanId());
        System.out.printf("BidTraceEndToEndTest: listing, auction, bid and its trace in %d ms%n",
                (System.nanoTime() - started) / 1_000_000);
    }

    private static SpanData auditSpan(String traceId) {
        return FINISHED.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(traceId) && "trail".equals(span.getAttributes().get(CONSUMER)))
                .findFirst().orElse(null);
    }

    private static ILoggingEvent auditLogLine(ListAppender<ILoggingEvent> logged, String traceId) {
        synchronized (logged) {
            return logged.list.stream()
                    .filter(line -> traceId.equals(line.getMDCPropertyMap().get("traceId"))
                            && line.getFormattedMessage().startsWith("trail handled"))
                    .findFirst().orElse(null);
        }
    }

    private static String publishedAuctionListing() throws Exception {
        HttpResponse<String> created = send(listing, "POST", "/listings", """
                {"title": {"vi": "Màng lọc nano xử lý nước thải dệt nhuộm", "en": "Nano-filtration membrane"},
                 "summary": {"vi": "Đã thử nghiệm ở quy mô pilot tại nhà máy dệt."},
                 "assetType": "PATENT", "readinessLevel": 6,
                 "ipTitles": [{"office": "VN", "number": "%s", "kind": "B1", "filingDate": "2019-03-14",
                               "grantDate": "2021-06-01", "expiryDate": "2039-03-14",
                               "owners": [{"organisationId": "hust", "name": "Đại học Bách khoa Hà Nội", "sharePercent": "100"}]}],
                 "ipcClasses": ["C02F 1/44"],
                 "dealTypes": [{"dealType": "EXCLUSIVE_LICENCE", "territory": "VN"}],
                 "askingPrice": {"amount": "1500000000", "currency": "VND"},
                 "regulatoryCategory": "ORDINARY", "stateFunded": false}""".formatted("1-00" + (System.nanoTime() % 1_000_000)),
                TestTokens.UNIVERSITY, null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String listingId = json(created).get("listingId").asText();
        step(send(listing, "POST", "/listings/" + listingId + "/submission", null, TestTokens.UNIVERSITY, null));
        step(send(listing, "POST", "/listings/" + listingId + "/ownership-verification", null, TestTokens.OPERATOR, null));
        step(send(listing, "PUT", "/listings/" + listingId + "/sale-mode", "{\"saleMode\": \"AUCTION\"}", TestTokens.UNIVERSITY, null));
        step(send(listing, "POST", "/listings/" + listingId + "/publication", null, TestTokens.UNIVERSITY, null));
        return listingId;
    }

    private static void step(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return EventJson.mapper().readTree(response.body());
    }

    private static HttpResponse<String> send(ConfigurableApplicationContext service, String method, String path, String body,
                                             String person, String traceparent) throws Exception {
        String port = service.getEnvironment().getProperty("local.server.port");
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", TestTokens.get().bearer(person));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
