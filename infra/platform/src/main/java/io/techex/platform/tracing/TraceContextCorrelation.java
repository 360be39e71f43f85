package io.techex.platform.tracing;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stores the trace a command was handled in with the events it causes: the span in scope (the HTTP request's, or a
 * consumer's), or else the context the command itself carried in its metadata. The relay continues the trace from
 * there, however long after the request the event is published.
 */
public class TraceContextCorrelation implements CorrelationDataProvider {

    private final EventTracing tracing;

    public TraceContextCorrelation(EventTracing tracing) {
        this.tracing = tracing;
    }

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, String> current = tracing.current();
        if (!current.isEmpty()) {
            return current;
        }
        MetaData metaData = message.getMetaData();
        Map<String, Object> carried = new LinkedHashMap<>(2);
        for (String key : new String[]{EventTracing.TRACEPARENT, EventTracing.TRACESTATE}) {
            Object value = metaData.get(key);
            if (value != null) {
                carried.put(key, value);
            }
        }
        return carried;
    }
}
