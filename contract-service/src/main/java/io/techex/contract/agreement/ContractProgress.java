package io.techex.contract.agreement;

import io.techex.contract.rights.RightsClaim;
import jakarta.annotation.Nullable;

/**
 * What a command left the contract at, for the caller that continues in the same transaction: {@code claim} is set
 * when the rights ledger must act (the contract is READY to take effect, or was terminated and releases its rights).
 */
public record ContractProgress(String contractId, ContractStatus status, @Nullable RightsClaim claim) {
}
