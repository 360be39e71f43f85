package io.techex.contract.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;
import java.util.List;

/**
 * The parties amended the contract while drafting it: one proposed new terms, the other accepted them, and they are now
 * version {@code version}, whose Markdown document has SHA-256 {@code documentSha256}. Signatures over earlier versions
 * no longer count; the parties sign this one. The version both parties sign is the one in force when the contract
 * takes effect ({@link ContractActivated#version()}).
 *
 * @param amendmentNumber the amendment's number on this contract, from 1, proposed ones that were never accepted
 *                        included
 * @param proposedBy      the organisation that proposed the new terms
 * @param acceptedBy      the other party, which accepted them
 * @param changes         every term that changed, before and after, in the order of {@link ContractTerms}
 * @param terms           the new version's terms in full
 */
@EventType(name = "io.techex.contract.ContractAmended", version = 1)
public record ContractAmended(String contractId, String listingId, int amendmentNumber, String proposedBy,
                              String acceptedBy, int previousVersion, String previousDocumentSha256, int version,
                              String documentSha256, List<TermChange> changes, ContractTerms terms, Instant amendedAt)
        implements PublicEvent {

    public ContractAmended {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    @Override
    public String assetId() {
        return listingId;
    }
}
