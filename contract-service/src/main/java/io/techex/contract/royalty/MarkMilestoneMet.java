package io.techex.contract.royalty;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.time.LocalDate;

/** The licensor confirms that a milestone was met. */
public record MarkMilestoneMet(String contractId, String organisationId, String milestoneId, LocalDate metOn,
                               String note, Instant at) {

    @TargetAggregateIdentifier
    public String accountId() {
        return RoyaltyAccount.idOf(contractId);
    }
}
