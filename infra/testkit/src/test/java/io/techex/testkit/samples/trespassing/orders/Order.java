package io.techex.testkit.samples.trespassing.orders;

import io.techex.testkit.samples.bystander.stock.Stock;

/** A service reaching into another service's classes instead of its events. */
public record Order(String orderId, Stock stock) {
}
