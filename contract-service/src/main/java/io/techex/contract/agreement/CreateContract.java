package io.techex.contract.agreement;

import io.techex.contract.api.ContractTerms;
import io.techex.contract.api.IpTitleRef;
import io.techex.contract.api.RegulatoryCategory;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Draw up a contract from an agreed deal. */
public record CreateContract(@TargetAggregateIdentifier String contractId, String listingId, String dealId,
                             String sellerOrganisationId, String buyerOrganisationId, String technologyTitle,
                             List<IpTitleRef> ipTitles, RegulatoryCategory regulatoryCategory, boolean stateFunded,
                             ContractTerms terms, Instant at) {
}
