package io.techex.platform.axon;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An event stored under a class name that changed reads as the class it is now, its JSON and revision as stored. */
class RenamedEventUpcasterTest {

    /** What a moved event class is now. */
    public record ParcelShipped(String parcelId, int weight) {
    }

    static final class Renamed extends RenamedEventUpcaster {
        Renamed(Map<String, Class<?>> renamed) {
            super(renamed);
        }
    }

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

    @Test
    void anEventStoredUnderItsOldNameReadsAsTheClassItIsNowWithItsJsonAndRevision() {
        var upcaster = new Renamed(Map.of("io.techex.shipping.parcel.ParcelShipped", ParcelShipped.class));

        List<IntermediateEventRepresentation> read = upcaster.upcast(Stream.of(
                stored("io.techex.shipping.parcel.ParcelShipped", "7", "{\"parcelId\":\"p1\",\"weight\":12}"),
                stored(ParcelShipped.class.getName(), null, "{\"parcelId\":\"p2\",\"weight\":3}"))).toList();

        assertThat(read.getFirst().getType().getName()).isEqualTo(ParcelShipped.class.getName());
        assertThat(read.getFirst().getType().getRevision()).isEqualTo("7");
        assertThat((Object) serializer.deserialize(read.getFirst().getData())).isEqualTo(new ParcelShipped("p1", 12));
        assertThat((Object) serializer.deserialize(read.get(1).getData())).isEqualTo(new ParcelShipped("p2", 3));
        assertThat(upcaster.renamed()).containsExactly(Map.entry("io.techex.shipping.parcel.ParcelShipped",
                ParcelShipped.class.getName()));
    }

    @Test
    void anOldNameThatIsAClassAgainIsRefused() {
        assertThatThrownBy(() -> new Renamed(Map.of(String.class.getName(), ParcelShipped.class)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("java.lang.String is a class again");
    }

    private InitialEventRepresentation stored(String payloadType, String revision, String json) {
        var entry = new GenericDomainEventEntry<>("Parcel", "p", 0, "e-" + json.hashCode(), "2030-01-01T00:00:00Z",
                payloadType, revision, json.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        return new InitialEventRepresentation(entry, serializer);
    }
}
