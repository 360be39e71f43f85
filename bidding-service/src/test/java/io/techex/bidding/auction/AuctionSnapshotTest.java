package io.techex.bidding.auction;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.techex.bidding.api.AuctionExtended;
import io.techex.bidding.api.BidPlaced;
import io.techex.bidding.api.DealType;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * An auction's snapshot is the auction itself as JSON, written and read by the event serializer the services
 * configure (Axon's Jackson serializer over {@code new ObjectMapper().findAndRegisterModules()}): every field comes
 * back as it was, private and final ones, maps of records and decimals with their scale included, and the snapshot
 * carries the revision its shape has.
 */
class AuctionSnapshotTest {

    static final String ID = "a6f1c0de-0000-4000-8000-000000000001";
    static final String LISTING = "b6f1c0de-0000-4000-8000-000000000002";
    static final Instant STARTS = Instant.parse("2026-03-02T09:00:00.123456789Z");

    final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().findAndRegisterModules())
            .build();

    @Test
    void anAuctionWithBidsMaximaLimitsAndAnExtensionComesBackFromItsSnapshotAsItWas() {
        Auction auction = new Auction();
        auction.on(new EnglishAuctionScheduled(ID, LISTING, "hust",
                new AuctionTerms(DealType.EXCLUSIVE_LICENCE, "textile wastewater", "VN", 60), "VND",
                new BigDecimal("1000000000.00"), new BigDecimal("1.5E+9"), new BigDecimal("50000000"),
                STARTS, STARTS.plusSeconds(3600), 5));
        auction.on(new BidLimitSet(ID, "kyoto-materials", new BigDecimal("2000000000")));
        auction.on(new BidMaximumSet(ID, "mekong-biotech", "m1", null, new BigDecimal("1400000000"), STARTS.plusSeconds(10)));
        auction.on(new BidPlaced(ID, LISTING, "m1", "mekong-biotech", new BigDecimal("1000000000"), "VND", 1,
                STARTS.plusSeconds(10), false, false));
        auction.on(new BidPlaced(ID, LISTING, "k1", "kyoto-materials", new BigDecimal("1100000000"), "VND", 2,
                STARTS.plusSeconds(20), false, true));
        auction.on(new BidPlaced(ID, LISTING, "p1", "mekong-biotech", new BigDecimal("1150000000"), "VND", 3,
                STARTS.plusSeconds(20), true, false));
        auction.on(new AuctionExtended(ID, LISTING, STARTS.plusSeconds(3900)));

        SerializedObject<byte[]> snapshot = serializer.serialize(auction, byte[].class);
        Auction restored = serializer.deserialize(snapshot);

        assertThat(snapshot.getType().getName()).isEqualTo(Auction.class.getName());
        assertThat(snapshot.getType().getRevision()).isEqualTo("1");
        assertThat(restored).usingRecursiveComparison().isEqualTo(auction);
        // and not because both are empty
        assertThat(restored).extracting("placedBids").asInstanceOf(MAP)
                .containsOnlyKeys("m1", "k1");
        assertThat(restored).extracting("currentPrice").isEqualTo(new BigDecimal("1150000000"));
        assertThat(restored).extracting("minimumBid").isEqualTo(
                new MinimumBid(new BigDecimal("1000000000.00"), new BigDecimal("50000000")));
    }

    @Test
    void aScheduledAuctionWithoutBidsComesBackWithItsNullsAndEmptyMaps() {
        Auction auction = new Auction();
        auction.on(new EnglishAuctionScheduled(ID, LISTING, "hust", new AuctionTerms(DealType.ASSIGNMENT, null, null, null),
                "VND", new BigDecimal("1000000"), null, new BigDecimal("10000"), STARTS, STARTS.plusSeconds(3600), 0));

        Auction restored = serializer.deserialize(serializer.serialize(auction, byte[].class));

        assertThat(restored).usingRecursiveComparison().isEqualTo(auction);
        assertThat(restored).extracting("auctionId").isEqualTo(ID);
    }
}
