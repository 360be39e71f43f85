package io.techex.contract.royalty;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.time.LocalDate;

/** The licence was terminated: no period runs after {@code lastDay}. */
public record CloseRoyaltyAccount(String contractId, LocalDate lastDay, Instant at) {

    @TargetAggregateIdentifier
    public String accountId() {
        return RoyaltyAccount.idOf(contractId);
    }
}
