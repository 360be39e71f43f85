package io.techex.console.regulator;

import io.techex.console.regulator.Regulation.TrailEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each event of a time line links to what it concerns, by the ids its data carries. */
class TimelineLinksTest {

    @Test
    void aContractEventLinksToItsListingAndToTheContractsRegulatorPage() {
        assertThat(TimelineLinks.of(entry("io.techex.contract.ContractRegistered.v1",
                Map.of("listingId", "L-1", "contractId", "C-1")))).containsExactly(
                new TimelineLinks("regulator.link.listing", "L-1", "/technologies/L-1"),
                new TimelineLinks("regulator.link.contract", "C-1", "/regulator/contracts/C-1"));
    }

    @Test
    void auctionsLinkByTheirKindAndNegotiationsAreNamedWithoutALink() {
        assertThat(TimelineLinks.of(entry("io.techex.bidding.BidPlaced.v1", Map.of("auctionId", "A-1"))))
                .containsExactly(new TimelineLinks("regulator.link.auction", "A-1", "/auctions/A-1"));
        assertThat(TimelineLinks.of(entry("io.techex.bidding.SealedBidRevealed.v1", Map.of("auctionId", "S-1"))))
                .containsExactly(new TimelineLinks("regulator.link.sealedBidAuction", "S-1", "/sealed-bid-auctions/S-1"));
        assertThat(TimelineLinks.of(entry("io.techex.bidding.OfferMade.v1", Map.of("negotiationId", "N-1"))))
                .containsExactly(new TimelineLinks("regulator.link.negotiation", "N-1", null));
        assertThat(TimelineLinks.of(entry("io.techex.bidding.DealAgreed.v1",
                Map.of("source", Map.of("kind", "ENGLISH_AUCTION", "id", "A-2")))))
                .containsExactly(new TimelineLinks("regulator.link.auction", "A-2", "/auctions/A-2"));
    }

    private static TrailEntry entry(String type, Map<String, Object> data) {
        return new TrailEntry(1, "e-1", type, "/techex/x", Instant.parse("2026-12-05T00:00:00Z"), null, data, 0L, null);
    }
}
