package io.techex.notification;

import io.techex.testkit.TechExArchitecture;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/** notification-service keeps the exchange's architecture rules; {@link TechExArchitecture} says what each checks. */
class NotificationArchitectureTest {

    @TestFactory
    Stream<DynamicTest> architecture() {
        return TechExArchitecture.checksOf("io.techex.notification");
    }
}
