package io.techex.audit.log;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.techex.contracts.EventJson;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event form is a function of the event's content: the trace a record was published in (the relay publishes an
 * event again in a new span when the broker did not acknowledge it) takes no part, every other extension does.
 */
class LogEntryFormTest {

    private static final String DATA = "{\"listingId\":\"asset-1\",\"amount\":\"550000000\"}";

    @Test
    void theTraceContextTakesNoPartInTheEventFormOtherExtensionsDo() throws Exception {
        JsonNode data = EventJson.mapper().readTree(DATA);
        String untraced = LogEntryForm.canonical(event().build(), data);
        String traced = LogEntryForm.canonical(event()
                .withExtension("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .withExtension("tracestate", "techex=1").build(), data);
        String republished = LogEntryForm.canonical(event()
                .withExtension("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-01").build(), data);

        assertThat(traced).isEqualTo(untraced).isEqualTo(republished).doesNotContain("traceparent", "tracestate");
        assertThat(untraced).contains("\"actorperson\":\"kenji.sato\"");
        assertThat(LogEntryForm.canonical(event().withExtension("actorperson", "thu.vo").build(), data)).isNotEqualTo(untraced);
    }

    private static CloudEventBuilder event() {
        return CloudEventBuilder.v1()
                .withId("event-1")
                .withSource(URI.create("/techex/bidding-service"))
                .withType("io.techex.bidding.BidPlaced.v1")
                .withSubject("asset-1")
                .withTime(OffsetDateTime.parse("2026-12-05T20:00:00Z"))
                .withDataContentType("application/json")
                .withData(DATA.getBytes(StandardCharsets.UTF_8))
                .withExtension("actorperson", "kenji.sato");
    }
}
