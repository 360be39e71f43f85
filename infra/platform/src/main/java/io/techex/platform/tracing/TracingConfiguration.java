package io.techex.platform.tracing;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * One trace from the HTTP request through the command, the event store, the relay, Kafka and every consumer's effect
 * ({@link EventTracing}). Boot's OpenTelemetry tracing makes the tracer and the W3C propagator; without them (tracing
 * switched off) events still carry what context they have.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration",
        "org.axonframework.springboot.autoconfig.AxonAutoConfiguration"})
public class TracingConfiguration {

    @Bean
    EventTracing eventTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new EventTracing(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    @Bean
    CorrelationDataProvider traceContextCorrelation(EventTracing eventTracing) {
        return new TraceContextCorrelation(eventTracing);
    }
}
