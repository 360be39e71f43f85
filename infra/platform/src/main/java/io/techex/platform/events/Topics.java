package io.techex.platform.events;

import java.util.List;

/**
 * Kafka names of the exchange. Each service publishes its public events on {@code techex.<service>.events}
 * and sends what it cannot consume to {@code techex.<service>.dlt}. A non-empty namespace prefixes every name
 * (and every consumer group), which is how tests and side-by-side environments share one broker.
 *
 * @param namespace   {@code techex.namespace}, may be empty
 * @param service     {@code techex.service.name}: listing, bidding, contract or audit
 * @param consumes    services whose events this one consumes
 * @param partitions  partitions of topics this service creates
 * @param replicas    replication factor of topics this service creates
 */
public record Topics(String namespace, String service, List<String> consumes, int partitions, short replicas) {

    public Topics {
        namespace = namespace == null ? "" : namespace.strip();
        consumes = List.copyOf(consumes);
    }

    /** Where {@code sourceService} publishes its public events. */
    public String eventsOf(String sourceService) {
        return prefix() + "techex." + sourceService + ".events";
    }

    /** Where this service publishes. */
    public String events() {
        return eventsOf(service);
    }

    /** Where this service's consumers put messages they cannot process. */
    public String deadLetters() {
        return prefix() + "techex." + service + ".dlt";
    }

    /** The topics this service consumes. */
    public List<String> consumed() {
        return consumes.stream().map(this::eventsOf).toList();
    }

    /** The consumer group of one of this service's consumers. */
    public String group(String consumer) {
        return prefix() + "techex." + service + "." + consumer;
    }

    private String prefix() {
        return namespace.isEmpty() ? "" : namespace + ".";
    }
}
