package io.techex.testkit.samples.tidy.orders;

import io.techex.testkit.samples.tidy.api.Quantity;

public record PlaceOrder(String orderId, String listingId, Quantity quantity) {
}
