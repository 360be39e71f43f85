package io.techex.platform.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Carries a trace across the exchange's asynchronous hops, as W3C trace context ({@code traceparent}, and
 * {@code tracestate} when there is one): from the HTTP request into the metadata of the events its command causes
 * ({@link TraceContextCorrelation}), from the stored event into the CloudEvents distributed-tracing extension of the
 * record the relay publishes, and from the CloudEvent into a span around each consumer's effect.
 * <p>
 * Without a tracer ({@link #NONE}, or {@code management.tracing.enabled=false}) nothing is started and a stored
 * context travels on unchanged, so a later hop that traces still joins the trace.
 */
public class EventTracing {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    public static final EventTracing NONE = new EventTracing(Tracer.NOOP, Propagator.NOOP);

    private final Tracer tracer;
    private final Propagator propagator;

    public EventTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The context of the span in scope on this thread, empty when there is none. */
    public Map<String, String> current() {
        Span span = tracer.currentSpan();
        return span == null || span.isNoop() ? Map.of() : contextOf(span);
    }

    /**
     * Starts a span as the child of a carried context, or a new trace when {@code carried} has none.
     *
     * @param carried reads {@code traceparent} and {@code tracestate} from wherever they travelled
     */
    public Span start(String name, Span.Kind kind, Function<String, String> carried) {
        return propagator.extract(carried, Function::apply).name(name).kind(kind).start();
    }

    /** The span in scope on this thread until the scope closes: logs and commands sent meanwhile carry its trace. */
    public Tracer.SpanInScope inScope(Span span) {
        return tracer.withSpan(span);
    }

    /**
     * What travels on from {@code span}: its context, or, when nothing traces here, the {@code carried} one unchanged.
     */
    public Map<String, String> contextOf(Span span, Function<String, String> carried) {
        Map<String, String> context = span.isNoop() ? Map.of() : contextOf(span);
        if (!context.isEmpty()) {
            return context;
        }
        Map<String, String> unchanged = new LinkedHashMap<>(2);
        putIfPresent(unchanged, TRACEPARENT, carried.apply(TRACEPARENT));
        putIfPresent(unchanged, TRACESTATE, carried.apply(TRACESTATE));
        return unchanged;
    }

    private Map<String, String> contextOf(Span span) {
        Map<String, String> context = new LinkedHashMap<>(2);
        propagator.inject(span.context(), context, (carrier, key, value) -> {
            // only the trace context: baggage and other propagation formats stay out of the event
            if (TRACEPARENT.equals(key) || TRACESTATE.equals(key)) {
                putIfPresent(carrier, key, value);
            }
        });
        return context;
    }

    private static void putIfPresent(Map<String, String> context, String key, String value) {
        if (value != null && !value.isEmpty()) {
            context.put(key, value);
        }
    }
}
