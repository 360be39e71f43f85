package io.techex.bidding.api;

import io.techex.contracts.ContractCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PublicEventContractTest {

    @Test
    void everyPublicEventOfBiddingServiceHasAContractAndKeepsIt() {
        assertThat(ContractCheck.assertProducerContracts("io.techex.bidding")).containsExactly(
                "io.techex.bidding.AuctionClosedWithoutSale.v1", "io.techex.bidding.AuctionExtended.v1",
                "io.techex.bidding.AuctionScheduled.v1", "io.techex.bidding.BidPlaced.v1",
                "io.techex.bidding.DealAgreed.v1", "io.techex.bidding.NegotiationEnded.v1",
                "io.techex.bidding.NegotiationOpened.v1", "io.techex.bidding.OfferCountered.v1",
                "io.techex.bidding.OfferMade.v1", "io.techex.bidding.SealedBidCommitted.v1",
                "io.techex.bidding.SealedBidRevealed.v1", "io.techex.bidding.SealedBidVoided.v1");
    }
}
