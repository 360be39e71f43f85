package io.techex.audit.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.function.ToDoubleFunction;

/**
 * What operators watch of the Merkle log, read from its tables so that every replica reports the log as it is:
 * <ul>
 *   <li>{@code techex.audit.log.size}: leaves in the log;</li>
 *   <li>{@code techex.audit.log.pending}: entries received but not yet given their place (they wait out the settle
 *       window, techex.audit.log.settle, before the sequencer places them);</li>
 *   <li>{@code techex.audit.log.settle.lag.seconds}: how long the oldest of those has waited, 0 when none waits;
 *       beyond the settle window plus a few sequencer rounds, the sequencer is stuck;</li>
 *   <li>{@code techex.audit.tree.head.age.seconds}: since the latest signed tree head (NaN before the first), and
 *       {@code techex.audit.log.unsigned}: leaves that head does not cover yet. Heads are signed only when the log
 *       grew, so an old head alone is an idle log; an old head with unsigned leaves is a signer that stopped.</li>
 * </ul>
 */
@Component
class AuditLogMetrics implements MeterBinder {

    private final JdbcTemplate jdbc;

    AuditLogMetrics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "techex.audit.log.size", "Leaves in the Merkle log", "SELECT coalesce(max(leaf_index) + 1, 0) FROM log_leaf");
        gauge(registry, "techex.audit.log.pending", "Entries received and not yet placed in the log", "SELECT count(*) FROM log_pending");
        gauge(registry, "techex.audit.log.settle.lag.seconds", "How long the oldest entry not yet placed in the log has waited",
                "SELECT coalesce(extract(epoch FROM now() - min(t.recorded_at)), 0) FROM log_pending p JOIN trail_entry t USING (event_id)");
        gauge(registry, "techex.audit.tree.head.age.seconds", "Seconds since the latest signed tree head",
                "SELECT extract(epoch FROM now() - max(signed_at)) FROM tree_head");
        gauge(registry, "techex.audit.log.unsigned", "Leaves the latest signed tree head does not cover",
                "SELECT (SELECT coalesce(max(leaf_index) + 1, 0) FROM log_leaf) - coalesce((SELECT max(tree_size) FROM tree_head), 0)");
    }

    private void gauge(MeterRegistry registry, String name, String description, String sql) {
        ToDoubleFunction<JdbcTemplate> read = jdbc -> {
            Double value = jdbc.queryForObject(sql, Double.class);
            return value == null ? Double.NaN : value;
        };
        Gauge.builder(name, jdbc, read).description(description).register(registry);
    }
}
