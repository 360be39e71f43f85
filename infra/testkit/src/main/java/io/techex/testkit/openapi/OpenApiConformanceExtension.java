package io.techex.testkit.openapi;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Fails the test during which a service answered outside its OpenAPI document ({@link OpenApiConformanceFilter}),
 * naming each answer and what is wrong with it. What was answered before a class's first test (in {@code @BeforeAll})
 * is reported by that class; what a class's last test left running is reported after it.
 */
public final class OpenApiConformanceExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        // what another class left behind is that class's, reported by its afterAll; anything later than that is not ours
        OpenApiMismatches.drain();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        failIfAny("during " + context.getDisplayName());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        failIfAny("around the tests of " + context.getDisplayName());
    }

    private static void failIfAny(String when) {
        List<OpenApiMismatches.Mismatch> found = OpenApiMismatches.drain();
        if (!found.isEmpty()) {
            throw new AssertionError("The API answered outside its OpenAPI document " + when + ":\n  "
                    + found.stream().distinct().map(Object::toString).collect(Collectors.joining("\n  ")));
        }
    }
}
