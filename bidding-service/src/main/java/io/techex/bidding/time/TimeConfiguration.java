package io.techex.bidding.time;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Time in bidding-service comes from one {@link Clock} bean: commands are stamped with it, and the durable scheduler
 * behind Axon's deadlines reads it to decide what is due, so a test that moves the clock moves both.
 *
 * <p>Deadlines (auction ends, offer expiries) go through Axon's {@code DbSchedulerDeadlineManager}, which Axon's
 * auto-configuration creates once there is a db-scheduler {@link Scheduler} bean. db-scheduler keeps each deadline as a
 * row of {@code scheduled_tasks} in the service's own schema: a deadline that passed while every instance was down
 * fires when one comes back, and an instance claims a due row before it runs it, so each fires on one instance only.
 * Chosen over JobRunr (a second set of tables and a dashboard we do not need) and Quartz (heavier, clustered mode
 * needs its own schema and tuning); Axon Server's scheduler is not an option without Axon Server.
 */
@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Registers every db-scheduler task in the context: Axon's deadline task (and its event-scheduler task, unused).
     * Axon does not start or stop this scheduler; {@link #deadlineSchedulerLifecycle} does, after everything else
     * started, so a deadline never fires into an application whose aggregates are not ready.
     */
    @Bean
    Scheduler deadlineScheduler(DataSource dataSource, List<Task<?>> tasks, Clock clock,
                                @Value("${techex.deadlines.polling-interval:1s}") Duration pollingInterval,
                                @Value("${techex.deadlines.threads:2}") int threads) {
        return Scheduler.create(dataSource, tasks)
                .clock(clock::instant)
                .pollingInterval(pollingInterval)
                .threads(threads)
                .enableImmediateExecution()
                .shutdownMaxWait(Duration.ofSeconds(5))
                .build();
    }

    @Bean
    SmartLifecycle deadlineSchedulerLifecycle(Scheduler deadlineScheduler) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                deadlineScheduler.start();
                running = true;
            }

            @Override
            public void stop() {
                deadlineScheduler.stop();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            /** Last to start, first to stop. */
            @Override
            public int getPhase() {
                return Integer.MAX_VALUE - 100;
            }
        };
    }
}
