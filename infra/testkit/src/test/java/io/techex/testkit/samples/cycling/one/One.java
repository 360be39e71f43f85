package io.techex.testkit.samples.cycling.one;

import io.techex.testkit.samples.cycling.two.Two;

public record One(Two two) {
}
