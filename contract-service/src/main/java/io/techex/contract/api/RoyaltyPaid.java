package io.techex.contract.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The licensor recorded a payment it received under the contract's running terms: against one royalty period's
 * amount due ({@code periodNumber}) or one met milestone's payment ({@code milestoneId}), never more than is
 * outstanding on it.
 *
 * @param paymentNumber 1, 2, ... per contract
 * @param periodNumber  the royalty period paid for; absent for a milestone payment
 * @param milestoneId   the milestone paid for; absent for a royalty payment
 * @param paidOn        the day the money arrived, as the licensor says
 * @param reference     the bank's or the parties' reference, if given
 */
@EventType(name = "io.techex.contract.RoyaltyPaid", version = 1)
public record RoyaltyPaid(String contractId, String listingId, int paymentNumber, Integer periodNumber,
                          String milestoneId, Money amount, LocalDate paidOn, String reference,
                          String recordedByOrganisationId, Instant recordedAt) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}
