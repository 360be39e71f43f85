package io.techex.testkit.samples.tidy.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

@EventType(name = "io.techex.tidy.OrderPlaced")
public record OrderPlaced(String orderId, String listingId, Quantity quantity) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}
