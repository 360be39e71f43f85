package io.techex.launcher;

import io.techex.testkit.TechExArchitecture;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/**
 * Every module the launcher runs keeps the exchange's architecture rules, checked together: a service added to the
 * exchange is held to them even before it has an architecture test of its own. {@link TechExArchitecture} says what
 * each rule checks.
 */
class ExchangeArchitectureTest {

    @TestFactory
    Stream<DynamicTest> architecture() {
        return TechExArchitecture.checksOf("io.techex");
    }
}
