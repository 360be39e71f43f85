package io.techex.audit.log;

import io.cloudevents.CloudEvent;
import io.techex.platform.consumer.EventConsumerConfiguration;
import io.techex.platform.consumer.PoisonMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Duration;

/**
 * How the trail recorder consumes, which differs from the platform's default in one way: a record that fails for
 * any reason but its content (the database unreachable, say) is retried until it succeeds, never sent to the
 * dead-letter topic after a few tries. Skipping it would leave a hole in the log that a later replay of the topics
 * would fill, and the two would no longer have the same root. Poison messages (not a CloudEvent, breaking their
 * contract) still go to the dead-letter topic at once: every replay judges them the same way.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class AuditLogConfiguration {

    public static final String LISTENER_FACTORY = "auditLogListenerFactory";

    @Bean(LISTENER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, CloudEvent> auditLogListenerFactory(
            ConsumerFactory<String, CloudEvent> cloudEventConsumerFactory, DeadLetterPublishingRecoverer deadLetterPublishingRecoverer,
            @Value("${techex.consumer.commit-interval:" + EventConsumerConfiguration.DEFAULT_COMMIT_INTERVAL + "}") Duration commitInterval) {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 3.0);
        backOff.setMaxInterval(10_000);
        // no maximum elapsed time: the partition waits for the database rather than lose an event
        var handler = new DefaultErrorHandler(deadLetterPublishingRecoverer, backOff);
        handler.addNotRetryableExceptions(PoisonMessage.class);
        var factory = new ConcurrentKafkaListenerContainerFactory<String, CloudEvent>();
        factory.setConsumerFactory(cloudEventConsumerFactory);
        factory.setCommonErrorHandler(handler);
        // the recorder takes a poll's records at once (TrailRecorder); the handler then works record by record
        // through BatchListenerFailedException, which names the record at fault
        factory.setBatchListener(true);
        // offsets committed at the platform's interval, as every consumer's: the sequencer learns that a partition is
        // drained from the trail itself (LogSequencer), not from the group's committed offsets alone
        EventConsumerConfiguration.commitOffsetsEvery(factory, commitInterval);
        return factory;
    }
}
