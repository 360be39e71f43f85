package io.techex.contract.agreement;

import io.techex.contract.api.ContractTerms;

/** A party proposed new terms (internal: the version only changes when the other accepts). */
public record AmendmentProposed(String contractId, int number, String proposedBy, ContractTerms terms) {
}
