package io.techex.contract.agreement;

import io.techex.contract.api.ContractTerms;
import io.techex.contract.api.IpTitleRef;
import io.techex.contract.api.RegulatoryCategory;
import jakarta.annotation.Nullable;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Draw up a contract from an agreed deal, or from the exercise of an option.
 *
 * @param exercisedOption the option contract whose exercise this licence comes from; null for a contract from a deal
 */
public record CreateContract(@TargetAggregateIdentifier String contractId, String listingId, String dealId,
                             String sellerOrganisationId, String buyerOrganisationId, String technologyTitle,
                             List<IpTitleRef> ipTitles, RegulatoryCategory regulatoryCategory, boolean stateFunded,
                             ContractTerms terms, Instant at, @Nullable String exercisedOption) {

    /** A contract from a deal agreed on the exchange. */
    public CreateContract(String contractId, String listingId, String dealId, String sellerOrganisationId,
                          String buyerOrganisationId, String technologyTitle, List<IpTitleRef> ipTitles,
                          RegulatoryCategory regulatoryCategory, boolean stateFunded, ContractTerms terms, Instant at) {
        this(contractId, listingId, dealId, sellerOrganisationId, buyerOrganisationId, technologyTitle, ipTitles,
                regulatoryCategory, stateFunded, terms, at, null);
    }
}
