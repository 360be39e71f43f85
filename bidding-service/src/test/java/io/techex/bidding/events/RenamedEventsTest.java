package io.techex.bidding.events;

import io.techex.bidding.auction.EnglishAuctionScheduled;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** An English auction stored before its scheduling event was renamed still reads, with its reserve. */
class RenamedEventsTest {

    @Test
    void anAuctionScheduledStoredUnderTheOldNameReadsAsEnglishAuctionScheduled() {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        serializer.getObjectMapper().findAndRegisterModules();
        String stored = """
                {"auctionId":"a1","listingId":"l1","sellerOrganisationId":"hust",
                 "terms":{"dealType":"ASSIGNMENT"},"currency":"VND","startingPrice":1000,"reservePrice":1500,
                 "minimumIncrement":100,"startsAt":"2030-01-01T00:00:00Z","endsAt":"2030-01-02T00:00:00Z",
                 "softCloseMinutes":2}""";
        var entry = new GenericDomainEventEntry<>("Auction", "a1", 0, "e1", "2030-01-01T00:00:00Z",
                "io.techex.bidding.auction.AuctionScheduled", null, stored.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));

        IntermediateEventRepresentation upcast = new RenamedEvents()
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).findFirst().orElseThrow();
        Object event = serializer.deserialize(upcast.getData());

        assertThat(event).isInstanceOfSatisfying(EnglishAuctionScheduled.class, scheduled ->
                assertThat(scheduled.reservePrice()).isEqualByComparingTo(new BigDecimal("1500")));
    }
}
