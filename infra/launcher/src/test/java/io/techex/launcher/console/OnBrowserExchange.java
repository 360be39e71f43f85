package io.techex.launcher.console;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A browser test class on the JVM's {@link BrowserExchange}, with a {@code BrowserExchange} parameter wherever a test
 * wants it. The launcher's test classes run two at a time (its {@code junit-platform.properties}); browser test classes
 * run one after another beside the others, since they share the exchange's clock, which a test may move, and its one
 * Chromium, whose pages a test closes when it ends.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(BrowserExchange.Extension.class)
@ResourceLock(BrowserExchange.ONE_TEST_CLASS_AT_A_TIME)
public @interface OnBrowserExchange {
}
