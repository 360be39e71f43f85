package io.techex.console.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * The console's "now", for the times its forms suggest (an offer binding for a week, an auction starting now). The
 * services judge every time by their own clocks; a test that moves theirs gives the console the same clock.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleClock {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
