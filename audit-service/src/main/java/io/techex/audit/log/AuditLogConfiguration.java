package io.techex.audit.log;

import io.cloudevents.CloudEvent;
import io.techex.platform.consumer.PoisonMessage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.util.backoff.ExponentialBackOff;

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
            ConsumerFactory<String, CloudEvent> cloudEventConsumerFactory, DeadLetterPublishingRecoverer deadLetterPublishingRecoverer) {
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
        // Offsets committed after every poll, not at the platform's interval: the sequencer takes a partition whose
        // committed offset has reached its end as drained (ConsumedPartitions), and a commit held back would hold back
        // the log.
        return factory;
    }
}
