package io.techex.testkit.samples.leaky.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;
import io.techex.testkit.samples.leaky.orders.Carrier;

/** A public event carrying a type its consumers cannot have: it is not in api. */
@EventType(name = "io.techex.leaky.OrderShipped")
public record OrderShipped(String orderId, String listingId, Carrier carrier) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}
