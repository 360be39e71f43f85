package io.techex.testkit.samples.stray.orders;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

/** A public event beside its aggregate instead of in api. */
@EventType(name = "io.techex.stray.OrderPlaced")
public record OrderPlaced(String orderId, String listingId) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}
