package io.techex.contract.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;
import jakarta.annotation.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * A contract was drawn up from an agreed deal; version 1 of its document is rendered from {@code terms} and its
 * SHA-256 is what the parties sign until an amendment makes a new version.
 *
 * @param sellerOrganisationId the transferor (licensor or assignor)
 * @param buyerOrganisationId  the transferee (licensee or assignee)
 * @param dealId               the deal in bidding-service it came from (for a licence from an option, the option's)
 * @param exercisedOption      for a licence drawn up by exercising an option, that option's contract; absent otherwise
 */
@EventType(name = "io.techex.contract.ContractCreated", version = 1)
public record ContractCreated(String contractId, String listingId, String dealId, String sellerOrganisationId,
                              String buyerOrganisationId, String technologyTitle, List<IpTitleRef> ipTitles,
                              RegulatoryCategory regulatoryCategory, boolean stateFunded, ContractTerms terms,
                              int version, String documentSha256, Instant createdAt,
                              @Nullable String exercisedOption) implements PublicEvent {

    public ContractCreated {
        ipTitles = ipTitles == null ? List.of() : List.copyOf(ipTitles);
    }

    /** A contract from a deal agreed on the exchange. */
    public ContractCreated(String contractId, String listingId, String dealId, String sellerOrganisationId,
                           String buyerOrganisationId, String technologyTitle, List<IpTitleRef> ipTitles,
                           RegulatoryCategory regulatoryCategory, boolean stateFunded, ContractTerms terms,
                           int version, String documentSha256, Instant createdAt) {
        this(contractId, listingId, dealId, sellerOrganisationId, buyerOrganisationId, technologyTitle, ipTitles,
                regulatoryCategory, stateFunded, terms, version, documentSha256, createdAt, null);
    }

    @Override
    public String assetId() {
        return listingId;
    }
}
