package io.techex.contract.royalty;

import io.techex.contract.api.Milestone;
import io.techex.contract.api.Royalty;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A royalty account opened with the contract's terms as they took effect. The grace for reports is recorded here so
 * that changing the setting later does not move the deadlines of accounts already open.
 */
public record RoyaltyAccountOpened(String accountId, String contractId, String listingId, String licensorOrganisationId,
                                   String licenseeOrganisationId, String currency, Royalty royalty,
                                   List<Milestone> milestones, LocalDate firstDay, LocalDate lastDay,
                                   int reportGraceDays, Instant openedAt) {

    public RoyaltyAccountOpened {
        milestones = milestones == null ? List.of() : List.copyOf(milestones);
    }
}
