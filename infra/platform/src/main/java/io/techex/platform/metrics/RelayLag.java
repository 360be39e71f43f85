package io.techex.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outbox relay seen from its tables: {@code techex.relay.position}, the lowest position among the relay
 * processor's segment tokens (a segment's token moves only after Kafka acknowledged what it sent, so every event up
 * to it is on Kafka; its rate of change is the relay's throughput), and {@code techex.relay.lag}, the event store's
 * head {@code global_index} minus that position: events stored but not yet acknowledged. Read from the tables rather
 * than from the processor, so every instance reports the same figures whichever segments it owns, and an instance
 * whose relay is stuck still reports them.
 * <p>
 * A segment without a token yet counts as position -1 (everything still to send); a replay token is read at the
 * position it has reached ({@code currentToken}).
 */
final class RelayLag implements MeterBinder {

    static final String LAG = "techex.relay.lag";
    static final String POSITION = "techex.relay.position";

    private static final String POSITION_SQL = """
            SELECT coalesce(min(CASE WHEN token IS NULL THEN -1 ELSE coalesce(
                       (convert_from(token, 'UTF8')::json ->> 'index')::bigint,
                       (convert_from(token, 'UTF8')::json -> 'currentToken' ->> 'index')::bigint,
                       -1) END), -1)
            FROM token_entry WHERE processor_name = ?
            """;
    private static final String HEAD_SQL = "SELECT coalesce(max(global_index), -1) FROM domain_event_entry";

    private final JdbcTemplate jdbc;
    private final String processor;

    RelayLag(JdbcTemplate jdbc, String processor) {
        this.jdbc = jdbc;
        this.processor = processor;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(LAG, this, RelayLag::lag).description("Events stored but not yet acknowledged by Kafka")
                .register(registry);
        Gauge.builder(POSITION, this, RelayLag::position)
                .description("Global index up to which every stored event is acknowledged by Kafka").register(registry);
    }

    double position() {
        Long position = jdbc.queryForObject(POSITION_SQL, Long.class, processor);
        return position == null ? Double.NaN : position;
    }

    double lag() {
        return lag(position());
    }

    /**
     * The lag behind a position read before: the head read after it is at least as far as the head was then, so a
     * lag of 0 means every event stored up to this call is acknowledged.
     */
    double lag(double position) {
        Long head = jdbc.queryForObject(HEAD_SQL, Long.class);
        return head == null ? Double.NaN : Math.max(0, head - position);
    }
}
