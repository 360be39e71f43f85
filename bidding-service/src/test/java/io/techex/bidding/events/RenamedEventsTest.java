package io.techex.bidding.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.bidding.auction.EnglishAuctionScheduled;
import io.techex.contracts.EventContracts;
import io.techex.contracts.EventJson;
import io.techex.contracts.PublicEvent;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events bidding-service stored under class names that have since changed read as the classes they are now, with what
 * they held: the public events released beside their aggregates (each stored as its contract's sample) as the class
 * of the same CloudEvent type, and the English auction's scheduling event released as {@code AuctionScheduled}.
 * {@code MovedEventsTest} shows the same through the event store into the aggregates and projections.
 */
class RenamedEventsTest {

    private static final JacksonSerializer SERIALIZER = JacksonSerializer.defaultSerializer();

    static {
        SERIALIZER.getObjectMapper().findAndRegisterModules();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "io.techex.bidding.auction.AuctionClosedWithoutSale", "io.techex.bidding.auction.AuctionExtended",
            "io.techex.bidding.auction.BidPlaced", "io.techex.bidding.negotiation.OfferCountered",
            "io.techex.bidding.negotiation.OfferMade", "io.techex.bidding.sealed.SealedBidCommitted",
            "io.techex.bidding.sealed.SealedBidRevealed", "io.techex.bidding.sealed.SealedBidVoided"})
    void aPublicEventStoredUnderItsReleasedClassNameReadsAsTheClassOfItsCloudEventType(String released)
            throws Exception {
        String type = "io.techex.bidding." + released.substring(released.lastIndexOf('.') + 1) + ".v1";
        JsonNode sample = EventContracts.find(type).orElseThrow().sample();

        Object event = read(released, sample);

        assertThat(event).isInstanceOf(PublicEvent.class);
        assertThat(EventContracts.typeOf(event.getClass())).isEqualTo(type);
        assertThat(event).isEqualTo(SERIALIZER.getObjectMapper().treeToValue(sample, event.getClass()));
    }

    @Test
    void anEnglishAuctionScheduledUnderItsReleasedClassNameKeepsItsReserve() throws Exception {
        JsonNode stored = EventJson.mapper().readTree("""
                {"auctionId":"a1","listingId":"l1","sellerOrganisationId":"hust",
                 "terms":{"dealType":"ASSIGNMENT"},"currency":"VND","startingPrice":1000,"reservePrice":1500,
                 "minimumIncrement":100,"startsAt":"2030-01-01T00:00:00Z","endsAt":"2030-01-02T00:00:00Z",
                 "softCloseMinutes":2}""");

        Object event = read("io.techex.bidding.auction.AuctionScheduled", stored);

        assertThat(event).isInstanceOfSatisfying(EnglishAuctionScheduled.class, scheduled ->
                assertThat(scheduled.reservePrice()).isEqualByComparingTo(new BigDecimal("1500")));
    }

    private static Object read(String payloadType, JsonNode json) {
        var entry = new GenericDomainEventEntry<>("Aggregate", "a1", 0, "e1", "2030-01-01T00:00:00Z", payloadType, null,
                json.toString().getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        var read = new RenamedEvents().upcast(Stream.of(new InitialEventRepresentation(entry, SERIALIZER)))
                .findFirst().orElseThrow();
        return SERIALIZER.deserialize(read.getData());
    }
}
