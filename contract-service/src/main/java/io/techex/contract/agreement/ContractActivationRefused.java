package io.techex.contract.agreement;

import java.time.Instant;

/** The rights ledger refused: the rights overlap rights already held. The contract will not take effect. */
public record ContractActivationRefused(String contractId, String listingId, String reason, Instant refusedAt) {
}
