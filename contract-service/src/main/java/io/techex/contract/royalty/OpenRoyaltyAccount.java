package io.techex.contract.royalty;

import io.techex.contract.api.Milestone;
import io.techex.contract.api.Royalty;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A contract took effect with a running royalty or milestones: its account opens.
 *
 * @param royalty         null when the contract has milestones only
 * @param firstDay        first day of the rights: period 1 starts here
 * @param lastDay         last day of the rights; null: no end
 * @param reportGraceDays days after a period's end by which its report is due
 */
public record OpenRoyaltyAccount(String contractId, String listingId, String licensorOrganisationId,
                                 String licenseeOrganisationId, String currency, Royalty royalty,
                                 List<Milestone> milestones, LocalDate firstDay, LocalDate lastDay,
                                 int reportGraceDays, Instant at) {

    @TargetAggregateIdentifier
    public String accountId() {
        return RoyaltyAccount.idOf(contractId);
    }
}
