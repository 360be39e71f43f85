package io.techex.contract.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;
import java.util.List;

/**
 * A contract was drawn up from an agreed deal; version 1 of its document is rendered from {@code terms} and its
 * SHA-256 is what the parties sign until an amendment makes a new version.
 *
 * @param sellerOrganisationId the transferor (licensor or assignor)
 * @param buyerOrganisationId  the transferee (licensee or assignee)
 * @param dealId               the deal in bidding-service it came from
 */
@EventType(name = "io.techex.contract.ContractCreated", version = 1)
public record ContractCreated(String contractId, String listingId, String dealId, String sellerOrganisationId,
                              String buyerOrganisationId, String technologyTitle, List<IpTitleRef> ipTitles,
                              RegulatoryCategory regulatoryCategory, boolean stateFunded, ContractTerms terms,
                              int version, String documentSha256, Instant createdAt) implements PublicEvent {

    public ContractCreated {
        ipTitles = ipTitles == null ? List.of() : List.copyOf(ipTitles);
    }

    @Override
    public String assetId() {
        return listingId;
    }
}
