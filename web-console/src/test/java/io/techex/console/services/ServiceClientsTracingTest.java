package io.techex.console.services;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.techex.console.ConsoleProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service call the console makes while it handles a traced page request carries that trace (W3C {@code traceparent})
 * to the service, so the person's click and everything it causes are one trace. A real HTTP server stands in for the
 * service and records the header; the tracer is the OpenTelemetry one Boot wires, built by hand here.
 */
class ServiceClientsTracingTest {

    private final AtomicReference<String> traceparent = new AtomicReference<>();
    private final InMemorySpanExporter finished = InMemorySpanExporter.create();
    private HttpServer service;
    private ObservationRegistry observations;

    @BeforeEach
    void aServiceAndATracer() throws Exception {
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/listings", exchange -> {
            traceparent.set(exchange.getRequestHeaders().getFirst("traceparent"));
            byte[] body = "{\"items\": []}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        service.start();

        OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(finished)).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        io.opentelemetry.api.trace.Tracer otel = openTelemetry.getTracer("web-console-test");
        OtelTracer tracer = new OtelTracer(otel, new OtelCurrentTraceContext(), event -> { });
        observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
                new PropagatingSenderTracingObservationHandler<>(tracer, new OtelPropagator(openTelemetry.getPropagators(), otel)),
                new DefaultTracingObservationHandler(tracer)));
    }

    @AfterEach
    void stop() {
        service.stop(0);
    }

    @Test
    void aCallMadeWhileAPageIsTracedSendsThatTraceToTheService() {
        URI url = URI.create("http://127.0.0.1:" + service.getAddress().getPort());
        ServiceClients clients = new ServiceClients(new ConsoleProperties(url, url, url, url, url, Duration.ofSeconds(5)),
                request -> null, consoleToken(), observations);

        Observation page = Observation.start("console page", observations);
        try (Observation.Scope scope = page.openScope()) {
            clients.client("listing-service", url).get().uri("/listings").retrieve().body(String.class);
        } finally {
            page.stop();
        }

        SpanData pageSpan = finished.getFinishedSpanItems().stream().filter(span -> span.getName().equals("console page"))
                .findFirst().orElseThrow(() -> new AssertionError("no span for the page: " + finished.getFinishedSpanItems()));
        assertThat(traceparent.get()).as("the traceparent the service received")
                .isNotNull()
                .startsWith("00-" + pageSpan.getTraceId() + "-")
                .doesNotContain(pageSpan.getSpanId()); // the call's own span, a child of the page's
    }

    /** The console's own token, as the authorization server would give it for a visitor's read. */
    private static OAuth2AuthorizedClientManager consoleToken() {
        ClientRegistration registration = ClientRegistration.withRegistrationId(TokenRelay.VISITOR_REGISTRATION)
                .clientId("techex-console").authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenUri("http://127.0.0.1/oauth2/token").build();
        OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "visitor-token", Instant.now(),
                Instant.now().plusSeconds(300));
        return request -> new OAuth2AuthorizedClient(registration, "web-console", token);
    }
}
