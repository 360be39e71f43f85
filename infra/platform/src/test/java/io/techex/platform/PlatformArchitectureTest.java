package io.techex.platform;

import io.techex.testkit.TechExArchitecture;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/** The platform keeps the exchange's architecture rules; {@link TechExArchitecture} says what each checks. */
class PlatformArchitectureTest {

    @TestFactory
    Stream<DynamicTest> architecture() {
        return TechExArchitecture.checksOf("io.techex.platform");
    }
}
