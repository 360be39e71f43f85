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

    private static final int MAX_SHOWN = 60;

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
        List<String> found = OpenApiMismatches.drain().stream().map(Object::toString).distinct().toList();
        if (!found.isEmpty()) {
            // a fuzzer's run may stray thousands of times the same few ways: enough to see each way, not every time
            String shown = found.stream().limit(MAX_SHOWN).collect(Collectors.joining("\n  "));
            throw new AssertionError("The API answered outside its OpenAPI document " + when + ":\n  " + shown
                    + (found.size() > MAX_SHOWN ? "\n  … and " + (found.size() - MAX_SHOWN) + " more" : ""));
        }
    }
}
