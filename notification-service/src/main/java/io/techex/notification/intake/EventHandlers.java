package io.techex.notification.intake;

import java.util.Map;
import java.util.function.Consumer;

/** What one producer's public events do to the feed, by CloudEvent type; types not listed concern nobody here. */
interface EventHandlers {

    Map<String, Consumer<Incoming>> byType();
}
