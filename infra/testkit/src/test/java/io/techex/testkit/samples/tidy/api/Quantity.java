package io.techex.testkit.samples.tidy.api;

public record Quantity(int value) {
}
