package io.techex.contract.agreement;

import io.techex.contract.api.ContractTerms;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A party proposes to replace the terms; the other party accepts or proposes again. */
public record ProposeAmendment(@TargetAggregateIdentifier String contractId, String organisationId, ContractTerms terms) {
}
