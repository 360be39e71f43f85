package io.techex.testkit.samples.leaky.orders;

public enum Carrier { POST, COURIER }
