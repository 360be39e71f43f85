package io.techex.contract.royalty;

import io.techex.contract.api.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.time.LocalDate;

/** The licensor records a payment received against one period's amount due or one met milestone. */
public record RecordPayment(String contractId, String organisationId, Integer periodNumber, String milestoneId,
                            Money amount, LocalDate paidOn, String reference, Instant at) {

    @TargetAggregateIdentifier
    public String accountId() {
        return RoyaltyAccount.idOf(contractId);
    }
}
