package io.techex.platform.chain;

import java.util.Optional;

/**
 * The outcome of verifying one schema's event store.
 *
 * @param schema     the schema verified
 * @param events     the events checked (up to and including the broken link, when there is one)
 * @param aggregates the aggregates checked, aggregate-less events counting as one each
 * @param brokenLink the first broken link, or empty when the whole chain holds
 */
public record ChainReport(String schema, long events, long aggregates, Optional<BrokenLink> brokenLink) {

    public boolean ok() {
        return brokenLink.isEmpty();
    }

    @Override
    public String toString() {
        return brokenLink.map(link -> schema + ": BROKEN after " + events + " events: " + link)
                .orElseGet(() -> schema + ": OK, " + events + " events in " + aggregates + " aggregates");
    }
}
