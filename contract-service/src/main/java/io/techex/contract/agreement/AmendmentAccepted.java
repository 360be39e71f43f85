package io.techex.contract.agreement;

import io.techex.contract.api.ContractTerms;

/** The other party accepted: the terms are now {@code version}, whose document has {@code documentSha256}. */
public record AmendmentAccepted(String contractId, String listingId, int number, String acceptedBy, int version,
                                String documentSha256, ContractTerms terms) {
}
