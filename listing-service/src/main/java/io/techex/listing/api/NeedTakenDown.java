package io.techex.listing.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

/**
 * The operator took a published need off the market as abusive (spam, unlawful, not a technology need); who did is the
 * event's actor. It is shown to nobody but its owner, the operator and regulators from then on.
 *
 * @param reason what the operator found, for the owner and the trail
 */
@EventType(name = "io.techex.listing.NeedTakenDown", version = 1)
public record NeedTakenDown(String needId, String ownerOrganisationId, String reason) implements PublicEvent {

    @Override
    public String assetId() {
        return needId;
    }
}
