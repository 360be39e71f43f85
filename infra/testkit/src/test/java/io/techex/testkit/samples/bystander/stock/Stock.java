package io.techex.testkit.samples.bystander.stock;

public record Stock(int count) {
}
