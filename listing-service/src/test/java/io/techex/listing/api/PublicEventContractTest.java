package io.techex.listing.api;

import io.techex.contracts.ContractCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PublicEventContractTest {

    @Test
    void everyPublicEventOfListingServiceHasAContractAndKeepsIt() {
        assertThat(ContractCheck.assertProducerContracts("io.techex.listing")).containsExactlyInAnyOrder(
                "io.techex.listing.ListingDrafted.v1",
                "io.techex.listing.NdaAccepted.v1",
                "io.techex.listing.ConfidentialDocumentViewed.v1",
                "io.techex.listing.ListingDraftRevised.v1",
                "io.techex.listing.ListingSubmitted.v1",
                "io.techex.listing.OwnershipVerified.v1",
                "io.techex.listing.OwnershipRejected.v1",
                "io.techex.listing.CoOwnerConsented.v1",
                "io.techex.listing.ListingPublished.v1",
                "io.techex.listing.ListingWithdrawn.v1",
                "io.techex.listing.ListingUnderContract.v1",
                "io.techex.listing.ListingLicensed.v1",
                "io.techex.listing.ListingTransferred.v1",
                "io.techex.listing.OwnershipChanged.v1",
                "io.techex.listing.NeedPublished.v1",
                "io.techex.listing.NeedRevised.v1",
                "io.techex.listing.NeedClosed.v1",
                "io.techex.listing.NeedExpired.v1",
                "io.techex.listing.NeedTakenDown.v1",
                "io.techex.listing.ProposalSubmitted.v1",
                "io.techex.listing.ProposalShortlisted.v1",
                "io.techex.listing.ProposalDeclined.v1",
                "io.techex.listing.ProposalWithdrawn.v1",
                "io.techex.listing.NegotiationRequested.v1",
                "io.techex.listing.MatchFound.v1");
    }
}
