package io.techex.bidding.api;

import io.techex.contracts.ContractCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PublicEventContractTest {

    @Test
    void everyPublicEventOfBiddingServiceHasAContractAndKeepsIt() {
        assertThat(ContractCheck.assertProducerContracts("io.techex.bidding")).containsExactly("io.techex.bidding.DealAgreed.v1");
    }
}
