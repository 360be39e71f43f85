package io.techex.contract.api;

import io.techex.contracts.ContractCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PublicEventContractTest {

    @Test
    void everyPublicEventOfContractServiceHasAContractAndKeepsIt() {
        assertThat(ContractCheck.assertProducerContracts("io.techex.contract")).containsExactlyInAnyOrder(
                "io.techex.contract.ContractCreated.v1",
                "io.techex.contract.ContractAmended.v1",
                "io.techex.contract.ContractSigned.v1",
                "io.techex.contract.TransferPermitGranted.v1",
                "io.techex.contract.TransferPermitRefused.v1",
                "io.techex.contract.ContractRegistered.v1",
                "io.techex.contract.RegistrationRefused.v1",
                "io.techex.contract.ContractActivated.v1",
                "io.techex.contract.ContractTerminated.v1",
                "io.techex.contract.OwnershipTransferred.v1",
                "io.techex.contract.RegulatoryDecisionRequested.v1",
                "io.techex.contract.RegulatoryDecisionOverdue.v1",
                "io.techex.contract.RoyaltyReported.v1",
                "io.techex.contract.MinimumRoyaltyToppedUp.v1",
                "io.techex.contract.RoyaltyPaid.v1",
                "io.techex.contract.MilestoneMet.v1",
                "io.techex.contract.RoyaltyReportOverdue.v1",
                "io.techex.contract.OptionExercised.v1",
                "io.techex.contract.OptionLapsed.v1");
    }
}
