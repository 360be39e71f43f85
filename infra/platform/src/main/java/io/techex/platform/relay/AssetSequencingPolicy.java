package io.techex.platform.relay;

import io.techex.contracts.PublicEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

/**
 * Keeps every event of one asset in one processor segment, so the relay publishes them in store order even
 * when different aggregates (an auction and an offer on the same listing) produced them.
 */
public class AssetSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    private final SequentialPerAggregatePolicy perAggregate = SequentialPerAggregatePolicy.instance();

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        if (event.getPayload() instanceof PublicEvent publicEvent) {
            return publicEvent.assetId();
        }
        return perAggregate.getSequenceIdentifierFor(event);
    }
}
