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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * An auction's snapshot is the auction itself as JSON, written and read by the event serializer the services
 * configure (Axon's Jackson serializer over {@code new ObjectMapper().findAndRegisterModules()}): every field comes
 * back as it was, private and final ones, maps of records and decimals with their scale included, and the snapshot
 * carries the revision its shape has. Its size does not grow with the auction's bids.
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
        assertThat(snapshot.getType().getRevision()).isEqualTo("2");
        assertThat(restored).usingRecursiveComparison().isEqualTo(auction);
        // and not because both are empty
        assertThat(restored).extracting("maximums").asInstanceOf(MAP).containsOnlyKeys("mekong-biotech");
        assertThat(restored).extracting("lastAnswer").isEqualTo(new PlacedBid("k1", 2, new BigDecimal("1100000000"),
                "VND", STARTS.plusSeconds(20), new BigDecimal("1100000000"), null, false));
        assertThat(restored).extracting("currentPrice").isEqualTo(new BigDecimal("1150000000"));
        assertThat(restored).extracting("minimumBid").isEqualTo(
                new MinimumBid(new BigDecimal("1000000000.00"), new BigDecimal("50000000")));
    }

    /**
     * What a snapshot costs to write and read stays the same however many bids the auction took: only a new firm's
     * limit or maximum adds to it. (Its answers to each bid id, which are kept in {@code bid_answer} now, made it grow
     * by about 210 bytes a bid.)
     */
    @Test
    void anAuctionsSnapshotIsNoLargerAfterAThousandBidsThanAfterTen() {
        Auction auction = new Auction();
        auction.on(new EnglishAuctionScheduled(ID, LISTING, "hust", new AuctionTerms(DealType.ASSIGNMENT, null, null, null),
                "VND", new BigDecimal("1000000000"), null, new BigDecimal("1000000"), STARTS, STARTS.plusSeconds(3600), 0));
        int afterTen = 0;
        for (int number = 1; number <= 1000; number++) {
            String bidder = number % 2 == 0 ? "mekong-biotech" : "kyoto-materials";
            auction.on(new BidPlaced(ID, LISTING, UUID.randomUUID().toString(), bidder,
                    new BigDecimal("1000000000").add(BigDecimal.valueOf(number * 1_000_000L)), "VND", number,
                    STARTS.plusSeconds(number), false, false));
            if (number == 10) {
                afterTen = serializer.serialize(auction, byte[].class).getData().length;
            }
        }
        int afterThousand = serializer.serialize(auction, byte[].class).getData().length;

        // the bid count and the price have a digit or two more
        assertThat(afterThousand).isBetween(afterTen, afterTen + 8);
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
