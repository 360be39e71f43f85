package io.techex.platform.deadline;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.SmartLifecycle;

import static org.assertj.core.api.Assertions.assertThat;

/** Only services with deadlines get a scheduler; the others (listing, audit) run none. */
class DeadlineConfigurationTest {

    final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DeadlineConfiguration.class));

    @Test
    void aServiceThatDoesNotSwitchDeadlinesOnRunsNoScheduler() {
        service.run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(Scheduler.class).doesNotHaveBean(SmartLifecycle.class));
        service.withPropertyValues("techex.deadlines.enabled=false").run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(Scheduler.class).doesNotHaveBean(SmartLifecycle.class));
    }
}
