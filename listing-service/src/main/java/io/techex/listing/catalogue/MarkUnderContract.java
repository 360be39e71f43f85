package io.techex.listing.catalogue;

import io.techex.listing.api.DealOption;
import jakarta.annotation.Nullable;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Seller and buyer are signing a contract for one of the deals offered (sent on contract-service's events).
 *
 * @param deal            one of the listing's offered deal types, exactly as offered; for a licence drawn up by
 *                        exercising an option, the licence the option fixed
 * @param exercisedOption the option contract whose exercise drew this licence up; null for a contract from a deal
 */
public record MarkUnderContract(@TargetAggregateIdentifier String listingId, String contractId,
                                String buyerOrganisationId, DealOption deal, @Nullable String exercisedOption) {

    /** A contract from a deal agreed on the exchange. */
    public MarkUnderContract(String listingId, String contractId, String buyerOrganisationId, DealOption deal) {
        this(listingId, contractId, buyerOrganisationId, deal, null);
    }
}
