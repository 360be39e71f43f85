package io.techex.platform.consumer;

import io.cloudevents.CloudEvent;
import io.techex.platform.events.Topics;
import io.techex.platform.tracing.EventTracing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How every TechEx service consumes CloudEvents: a listener container factory named
 * {@value #LISTENER_FACTORY} with bounded retries and exponential back-off, after which a message goes to the
 * service's dead-letter topic with the failure reason in its headers ({@code kafka_dlt-exception-message},
 * {@code kafka_dlt-exception-fqcn}, and where it came from); {@link PoisonMessage}s and undeserializable records
 * go there at once. The partition keeps flowing either way.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
public class EventConsumerConfiguration {

    public static final String LISTENER_FACTORY = "cloudEventListenerFactory";
    /** How long a consumer may hold processed records' offsets before committing them ({@link #commitOffsetsEvery}). */
    public static final String DEFAULT_COMMIT_INTERVAL = "1s";

    @Bean
    ConsumerFactory<String, CloudEvent> cloudEventConsumerFactory(KafkaProperties kafkaProperties) {
        Map<String, Object> config = new HashMap<>(kafkaProperties.buildConsumerProperties());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
        config.put(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, StructuredCloudEventDeserializer.class);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // read_uncommitted, Kafka's default: no producer of ours is transactional (the relay's is idempotent), so there
        // is no aborted record to skip. With read_committed a fetch that found nothing new was not ended by a record
        // produced meanwhile: the broker held it for the whole fetch.max.wait.ms (audit's trail lagged Kafka by ~450 ms
        // median at Kafka's 500 ms, infra/bench), and the 20 ms wait that bounded it kept every idle consumer fetching
        // 50 times a second: an idle launcher used 17.3 s of CPU a minute, 4.2-5.2 s with this and Kafka's wait, at
        // the same lag under load (the drafts' trail 10 ms behind Kafka at the median, audit-service's own handling).
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        return new DefaultKafkaConsumerFactory<>(config);
    }

    /** Sends the raw bytes of records that did not deserialize; a bean, so its producer closes with the context. */
    @Bean
    ProducerFactory<String, byte[]> deadLetterProducerFactory(KafkaProperties kafkaProperties) {
        Map<String, Object> config = new HashMap<>(kafkaProperties.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new DefaultKafkaProducerFactory<>(config);
    }

    /** Publishes dead letters: the CloudEvent as it was, or the raw bytes of a record that did not deserialize. */
    @Bean
    DeadLetterPublishingRecoverer deadLetterPublishingRecoverer(ProducerFactory<String, byte[]> deadLetterProducerFactory,
                                                                KafkaTemplate<String, CloudEvent> cloudEventTemplate,
                                                                Topics topics) {
        KafkaTemplate<String, byte[]> rawTemplate = new KafkaTemplate<>(deadLetterProducerFactory);
        Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
        templates.put(byte[].class, rawTemplate);
        templates.put(CloudEvent.class, cloudEventTemplate);
        // partition -1: let the producer choose by key, so the DLT needs no more partitions than its sources
        return new DeadLetterPublishingRecoverer(templates, (record, failure) -> new TopicPartition(topics.deadLetters(), -1));
    }

    @Bean
    DefaultErrorHandler cloudEventErrorHandler(DeadLetterPublishingRecoverer recoverer,
                                               @Value("${techex.consumer.retries:3}") int retries,
                                               @Value("${techex.consumer.initial-back-off:200ms}") Duration initialBackOff) {
        var backOff = new ExponentialBackOffWithMaxRetries(retries);
        backOff.setInitialInterval(initialBackOff.toMillis());
        backOff.setMultiplier(3.0);
        backOff.setMaxInterval(5_000);
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(PoisonMessage.class);
        return handler;
    }

    @Bean(LISTENER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, CloudEvent> cloudEventListenerFactory(
            ConsumerFactory<String, CloudEvent> cloudEventConsumerFactory, DefaultErrorHandler cloudEventErrorHandler,
            @Value("${techex.consumer.concurrency:1}") int concurrency,
            @Value("${techex.consumer.commit-interval:" + DEFAULT_COMMIT_INTERVAL + "}") Duration commitInterval) {
        var factory = new ConcurrentKafkaListenerContainerFactory<String, CloudEvent>();
        factory.setConsumerFactory(cloudEventConsumerFactory);
        factory.setCommonErrorHandler(cloudEventErrorHandler);
        factory.setConcurrency(concurrency);
        commitOffsetsEvery(factory, commitInterval);
        return factory;
    }

    /**
     * Commits a consumer's offsets at most once per {@code interval} instead of after every poll, and at once when its
     * partitions are revoked or it stops. With events arriving one at a time, as bids do, a poll brings one record, and
     * a commit after each was a synchronous round trip and a write to {@code __consumer_offsets} per event and group:
     * {@code OffsetCommitsBenchmark} (two groups dropping 300 events/s) 5,860-5,883 commits a round of 3,000 events
     * against 20, and 3.2-3.5 ms of the process's CPU an event against 2.5-2.7. Nothing is lost by committing later:
     * the offsets only ever cover records whose effect has committed, and a consumer that crashes gets the records
     * since its last commit again, which the inbox ({@link EventInbox}) recognises by their CloudEvent ids, as after
     * any redelivery. Listener factories of a service's own (audit's trail recorder) use it too.
     */
    public static void commitOffsetsEvery(ConcurrentKafkaListenerContainerFactory<?, ?> factory, Duration interval) {
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.TIME);
        factory.getContainerProperties().setAckTime(interval.toMillis());
    }

    @Bean
    EventInbox eventInbox(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager,
                          ObjectProvider<EventTracing> tracing) {
        return new EventInbox(jdbcTemplate, new TransactionTemplate(transactionManager),
                tracing.getIfAvailable(() -> EventTracing.NONE));
    }
}
