package io.techex.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

/**
 * Durable deadlines (io.techex.platform.deadline, rows of {@code scheduled_tasks}): {@code techex.deadlines.due},
 * those whose time has come and which have not fired yet, and {@code techex.deadlines.overdue}, those among them more
 * than {@code overdueAfter} late. The scheduler looks every second, so a deadline that is overdue means no instance is
 * firing deadlines: auctions do not close, regulatory decisions are not taken on time.
 */
final class DeadlineGauges implements MeterBinder {

    static final String DUE = "techex.deadlines.due";
    static final String OVERDUE = "techex.deadlines.overdue";

    private static final String SQL = "SELECT count(*) FROM scheduled_tasks WHERE execution_time <= now() - ? * interval '1 millisecond'";

    private final JdbcTemplate jdbc;
    private final Duration overdueAfter;

    DeadlineGauges(JdbcTemplate jdbc, Duration overdueAfter) {
        this.jdbc = jdbc;
        this.overdueAfter = overdueAfter;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(DUE, this, gauges -> gauges.countLate(Duration.ZERO))
                .description("Deadlines whose time has come and which have not fired yet").register(registry);
        Gauge.builder(OVERDUE, this, gauges -> gauges.countLate(overdueAfter))
                .description("Deadlines late by more than techex.metrics.deadline-overdue-after").register(registry);
    }

    private double countLate(Duration late) {
        Long count = jdbc.queryForObject(SQL, Long.class, late.toMillis());
        return count == null ? Double.NaN : count;
    }
}
