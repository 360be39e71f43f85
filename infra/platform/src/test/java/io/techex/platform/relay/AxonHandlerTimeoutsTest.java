package io.techex.platform.relay;

import io.techex.testkit.IntegrationTest;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.AnnotatedHandlerInspector;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.timeout.HandlerTimeoutHandlerEnhancerDefinition;
import org.axonframework.springboot.TimeoutProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's defaults leave Axon's handlers unwrapped by a time limit of their own (which cost every event and
 * every command a stack trace and a scheduled task) and keep the limit on each unit of work around them. In the
 * relay's package for its miniature service, with {@link KafkaRelayTest}'s properties, so the two share one context.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "techex.service.name=" + RelayTestApplication.SERVICE_NAME,
        "spring.flyway.locations=classpath:db/platform",
        "techex.event-store.batch-size=7"})
class AxonHandlerTimeoutsTest {

    @Autowired
    HandlerTimeoutHandlerEnhancerDefinition handlerTimeouts;
    @Autowired
    TimeoutProperties timeouts;

    static class Handlers {
        @CommandHandler
        void handle(String command) {
        }

        @EventHandler
        void on(Long event) {
        }
    }

    @Test
    void commandAndEventHandlersRunWithoutATimeLimitOfTheirOwn() {
        List<MessageHandlingMember<? super Handlers>> members = AnnotatedHandlerInspector.inspectType(Handlers.class)
                .getHandlers(Handlers.class).toList();

        assertThat(members).hasSize(2).allSatisfy(member ->
                assertThat(handlerTimeouts.wrapHandler(member)).isSameAs(member));
    }

    @Test
    void eachUnitOfWorkKeepsItsTimeLimit() {
        assertThat(timeouts.isEnabled()).isTrue();
        assertThat(timeouts.getTransaction().getCommandBus().getTimeoutMs()).isPositive();
        assertThat(timeouts.getTransaction().getEventProcessors().getTimeoutMs()).isPositive();
        assertThat(timeouts.getTransaction().getEventProcessors().getWarningThresholdMs()).isPositive();
    }
}
