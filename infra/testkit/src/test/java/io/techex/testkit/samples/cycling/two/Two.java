package io.techex.testkit.samples.cycling.two;

import io.techex.testkit.samples.cycling.one.One;

public record Two(One one) {
}
