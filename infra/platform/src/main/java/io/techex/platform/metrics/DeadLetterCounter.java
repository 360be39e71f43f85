package io.techex.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.List;

/**
 * {@code techex.dead.letters}: records handed to the service's dead-letter topic, by the topic they came from. Counted
 * by the platform's {@code DeadLetterPublishingRecoverer} as it builds each dead letter (see
 * {@link MetricsConfiguration#deadLetterCounting}), so a dead letter whose send fails and is recovered again counts
 * twice; either way an operator must look. The consumed topics' counters exist from the start at zero, so that an
 * alert on their increase has a series to compare with.
 */
final class DeadLetterCounter implements MeterBinder {

    static final String NAME = "techex.dead.letters";

    private final List<String> consumedTopics;
    private volatile MeterRegistry registry;

    DeadLetterCounter(List<String> consumedTopics) {
        this.consumedTopics = List.copyOf(consumedTopics);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        consumedTopics.forEach(topic -> counter(registry, topic));
    }

    void count(String sourceTopic) {
        MeterRegistry bound = registry;
        if (bound == null) {
            throw new IllegalStateException("A dead letter before the meter registry was bound: the consumers started too early");
        }
        counter(bound, sourceTopic).increment();
    }

    private static Counter counter(MeterRegistry registry, String topic) {
        return Counter.builder(NAME).description("Records handed to the dead-letter topic, by the topic they came from")
                .tag("topic", topic).register(registry);
    }
}
