package io.techex.contract.agreement;

import io.techex.contract.api.ContractTerms;

/**
 * The other party accepted: the terms are now {@code version}, whose document has {@code documentSha256}.
 * <p>
 * Only read back: accepted amendments are {@link io.techex.contract.api.ContractAmended} now, which the regulators'
 * trail gets too. Contracts amended before that still hold this event in their history, by this class name.
 */
public record AmendmentAccepted(String contractId, String listingId, int number, String acceptedBy, int version,
                                String documentSha256, ContractTerms terms) {
}
