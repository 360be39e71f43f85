package io.techex.listing.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.contracts.EventContracts;
import io.techex.contracts.PublicEvent;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public events listing-service released beside their features, stored under those class names (each as its
 * contract's sample), read as the class of the same CloudEvent type in {@code api}, with what they held.
 * {@code MovedEventsTest} shows the same through the event store into the aggregate, the projection and the relay.
 */
class RenamedEventsTest {

    private static final JacksonSerializer SERIALIZER = JacksonSerializer.defaultSerializer();

    static {
        SERIALIZER.getObjectMapper().findAndRegisterModules();
    }

    @ParameterizedTest
    @ValueSource(strings = {"io.techex.listing.disclosure.NdaAccepted", "io.techex.listing.document.ConfidentialDocumentViewed"})
    void aPublicEventStoredUnderItsReleasedClassNameReadsAsTheClassOfItsCloudEventType(String released)
            throws Exception {
        String type = "io.techex.listing." + released.substring(released.lastIndexOf('.') + 1) + ".v1";
        JsonNode sample = EventContracts.find(type).orElseThrow().sample();
        var entry = new GenericDomainEventEntry<>("Nda", "n1", 0, "e1", "2030-01-01T00:00:00Z", released, null,
                sample.toString().getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));

        Object event = SERIALIZER.deserialize(new RenamedEvents()
                .upcast(Stream.of(new InitialEventRepresentation(entry, SERIALIZER))).findFirst().orElseThrow().getData());

        assertThat(event).isInstanceOf(PublicEvent.class);
        assertThat(EventContracts.typeOf(event.getClass())).isEqualTo(type);
        assertThat(event).isEqualTo(SERIALIZER.getObjectMapper().treeToValue(sample, event.getClass()));
    }
}
