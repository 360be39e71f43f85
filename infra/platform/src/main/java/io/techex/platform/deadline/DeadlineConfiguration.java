package io.techex.platform.deadline;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import io.techex.platform.actor.ActingCommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Durable deadlines, for the services that have them ({@code techex.deadlines.enabled=true}; the others run no
 * scheduler): Axon's {@code DbSchedulerDeadlineManager}, which Axon's auto-configuration creates once there is a
 * db-scheduler {@link Scheduler} bean, hence this runs before it. Each deadline is a row of {@code scheduled_tasks}
 * (platform migration {@code V0_4}) in the service's schema: one that passed while every instance was down fires when
 * one comes back, and an instance claims a due row before running it, so each fires on one instance only. Chosen over
 * JobRunr (a second set of tables and a dashboard nobody needs) and Quartz (heavier; its clustered mode needs its own
 * schema and tuning); Axon Server's scheduler is not an option without Axon Server.
 * <p>
 * The scheduler reads "now" from the service's one {@link Clock}, which also stamps commands: a test that moves the
 * clock moves both. Deadline handlers act as the exchange itself ({@link DeadlineActor}).
 */
@AutoConfiguration(beforeName = "org.axonframework.springboot.autoconfig.AxonDbSchedulerAutoConfiguration")
@ConditionalOnBooleanProperty("techex.deadlines.enabled")
@EnableConfigurationProperties(DeadlineProperties.class)
public class DeadlineConfiguration {

    /**
     * Registers every db-scheduler task in the context (Axon's deadline task, and its event-scheduler task, unused).
     * Axon does not start or stop this scheduler; {@link #deadlineSchedulerLifecycle} does, after everything else
     * started, so a deadline never fires into an application whose aggregates are not ready. It stops for good (waiting
     * for deadlines being handled) when the context closes.
     */
    @Bean(destroyMethod = "stop")
    Scheduler deadlineScheduler(DataSource dataSource, List<Task<?>> tasks, Clock clock, DeadlineProperties properties) {
        return Scheduler.create(dataSource, tasks)
                .clock(clock::instant)
                .pollingInterval(properties.pollingInterval())
                .threads(properties.threads())
                .heartbeatInterval(properties.heartbeatInterval())
                .enableImmediateExecution()
                .shutdownMaxWait(Duration.ofSeconds(5))
                .build();
    }

    /** Registered once the deadline manager exists, before the scheduler starts (a lifecycle's start comes later). */
    @Bean
    SmartInitializingSingleton deadlinesActAsTheExchange(DeadlineManager deadlineManager, ActingCommandGateway commands,
                                                         List<CorrelationDataProvider> correlationDataProviders) {
        return () -> deadlineManager.registerHandlerInterceptor(new DeadlineActor(commands.system(), correlationDataProviders));
    }

    /**
     * Stopping the context only pauses the scheduler, and starting it again resumes it: a db-scheduler cannot start
     * twice, and a context may be stopped and started again.
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
