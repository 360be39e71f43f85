package io.techex.contract.royalty;

import io.techex.contract.api.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The licensee reports its net sales for one period. */
public record ReportRoyalty(String contractId, String organisationId, int periodNumber, Money netSales, Instant at) {

    @TargetAggregateIdentifier
    public String accountId() {
        return RoyaltyAccount.idOf(contractId);
    }
}
