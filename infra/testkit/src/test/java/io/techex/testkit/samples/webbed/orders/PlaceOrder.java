package io.techex.testkit.samples.webbed.orders;

public record PlaceOrder(String orderId, int quantity) {
}
