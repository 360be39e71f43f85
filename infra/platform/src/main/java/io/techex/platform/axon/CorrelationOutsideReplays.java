package io.techex.platform.axon;

import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

import java.util.Map;

/**
 * A correlation data provider that gives nothing for an event being replayed. Axon asks every provider for every event
 * a processor handles, replays included: its batching unit of work wraps each handler's result in a message, whose
 * constructor merges the correlation data, and the providers read the event's metadata for it (the message's origin,
 * the actor, the trace), deserialising it for nothing; in the bench's replay of listing-search that was an eighth of
 * the processor threads' samples. A replayed event causes nothing that would carry the data on: the handlers that send
 * commands are policies, which are never replayed ({@code @DisallowReplay}). Live events keep every provider.
 */
public final class CorrelationOutsideReplays implements CorrelationDataProvider {

    private final CorrelationDataProvider provider;

    public CorrelationOutsideReplays(CorrelationDataProvider provider) {
        this.provider = provider;
    }

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        return ReplayToken.isReplay(message) ? Map.of() : provider.correlationDataFor(message);
    }
}
