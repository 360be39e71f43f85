package io.techex.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.techex.platform.web.IdempotencyKeyFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Counts what the Idempotency-Key and rate-limit filters decided, from the answers they give, so neither filter has to
 * know about metrics: {@code techex.idempotency.replays} (answers marked {@code Idempotent-Replayed}) and
 * {@code techex.rate.limit.refusals} (429 answers). Registered outside both filters so it sees their answers.
 */
final class WebOutcomeMetricsFilter extends OncePerRequestFilter {

    static final String REPLAYS = "techex.idempotency.replays";
    static final String REFUSALS = "techex.rate.limit.refusals";

    private final Counter replays;
    private final Counter refusals;

    WebOutcomeMetricsFilter(MeterRegistry registry) {
        this.replays = Counter.builder(REPLAYS).description("Answers replayed for a repeated Idempotency-Key").register(registry);
        this.refusals = Counter.builder(REFUSALS).description("Writes refused with 429 by the rate limit").register(registry);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            if (response.getStatus() == 429) {
                refusals.increment();
            }
            if (response.getHeader(IdempotencyKeyFilter.REPLAYED) != null) {
                replays.increment();
            }
        }
    }
}
