package io.techex.contract.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.LocalDate;

/**
 * Every period of a contract year has been reported and their royalties came to less than the minimum annual
 * royalty: the difference is due as well, added to the year's last period. A contract year cut short by the end of
 * the licence owes the minimum pro rata of its days.
 *
 * @param contractYear  1 for the year starting on the first day of the rights
 * @param minimum       the minimum owed for this year (pro rata when cut short)
 * @param royalties     what the year's reports came to
 * @param topUp         minimum - royalties, more than 0
 * @param addedToPeriod the period whose amount due carries the top-up: the year's last
 */
@EventType(name = "io.techex.contract.MinimumRoyaltyToppedUp", version = 1)
public record MinimumRoyaltyToppedUp(String contractId, String listingId, int contractYear, LocalDate yearFrom,
                                     LocalDate yearUntil, Money minimum, Money royalties, Money topUp,
                                     int addedToPeriod) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}
