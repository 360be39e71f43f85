package io.techex.platform.time;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * The one clock a service reads "now" from, in UTC. Commands that depend on the time (a publication judged against
 * IP title expiry, a bid against an auction's end) take their instant from it, so tests can replace it with a clock
 * of their own and move time.
 */
@AutoConfiguration
public class ClockConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
