package io.techex.contract.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An option in force reached the end of its period unexercised: it ended, and the rights it reserved are free for
 * others from the day after {@code lastDay}.
 *
 * @param grantorOrganisationId the option's grantor
 * @param holderOrganisationId  the option's holder
 * @param lastDay               the option's last day
 */
@EventType(name = "io.techex.contract.OptionLapsed", version = 1)
public record OptionLapsed(String contractId, String listingId, String grantorOrganisationId,
                           String holderOrganisationId, LocalDate lastDay, Instant lapsedAt) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}
