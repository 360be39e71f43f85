package io.techex.listing.api;

import io.techex.contracts.ContractCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PublicEventContractTest {

    @Test
    void everyPublicEventOfListingServiceHasAContractAndKeepsIt() {
        assertThat(ContractCheck.assertProducerContracts("io.techex.listing"))
                .contains("io.techex.listing.ListingDrafted.v1", "io.techex.listing.ListingDraftRevised.v1");
    }
}
