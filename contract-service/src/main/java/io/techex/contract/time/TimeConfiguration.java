package io.techex.contract.time;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Deadlines in contract-service (a royalty report falling due, a regulator's decision falling due, a licence's term
 * ending) go through Axon's {@code DbSchedulerDeadlineManager}, as in bidding-service: Axon's auto-configuration
 * creates it once there is a db-scheduler {@link Scheduler} bean. Each deadline is a row of {@code scheduled_tasks}
 * in the service's schema, so one that passed while every instance was down fires when one comes back, and an
 * instance claims a due row before running it, so each fires on one instance only.
 * <p>
 * The scheduler reads "now" from the service's one {@link Clock}, which also stamps commands: a test that moves the
 * clock moves both.
 */
@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

    /**
     * Registers every db-scheduler task in the context (Axon's deadline task, and its event-scheduler task, unused).
     * Axon does not start or stop this scheduler; {@link #deadlineSchedulerLifecycle} does, after everything else
     * started, so a deadline never fires into an application whose aggregates are not ready. It stops for good (waiting
     * for deadlines being handled) when the context closes.
     */
    @Bean(destroyMethod = "stop")
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

    /**
     * Events a deadline handler applies carry the deadline's actor ({@link Deadlines#EXCHANGE_CLOCK}), as events a
     * command handler applies carry the command's: the command bus copies correlation data to events through this
     * interceptor, but Axon's deadline manager has none of its own.
     */
    @Bean
    SmartInitializingSingleton deadlineCorrelation(DeadlineManager deadlineManager, List<CorrelationDataProvider> providers) {
        return () -> deadlineManager.registerHandlerInterceptor(new CorrelationDataInterceptor<>(providers));
    }

    /**
     * Stopping the context only pauses the scheduler, and starting it again resumes it: a db-scheduler cannot start
     * twice, and a context may be stopped and started again (Spring's test framework pauses the contexts it caches
     * while another runs).
     */
    @Bean
    SmartLifecycle deadlineSchedulerLifecycle(Scheduler deadlineScheduler) {
        return new SmartLifecycle() {
            private volatile boolean running;
            private volatile boolean started;

            @Override
            public synchronized void start() {
                if (started) {
                    deadlineScheduler.resume();
                } else {
                    deadlineScheduler.start();
                    started = true;
                }
                running = true;
            }

            @Override
            public synchronized void stop() {
                deadlineScheduler.pause();
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
