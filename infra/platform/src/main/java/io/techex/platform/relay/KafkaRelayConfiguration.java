package io.techex.platform.relay;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventSerializer;
import io.techex.contracts.PublicEvent;
import io.techex.platform.events.Topics;
import io.techex.platform.tracing.EventTracing;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The CloudEvent producer (idempotent, acks=all, short timeouts so an unreachable broker fails a batch quickly
 * and Axon retries it) and the relay processor that uses it.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
public class KafkaRelayConfiguration {

    @Bean
    ProducerFactory<String, CloudEvent> cloudEventProducerFactory(KafkaProperties kafkaProperties,
                                                                  @Value("${techex.relay.max-block:5s}") Duration maxBlock,
                                                                  @Value("${techex.relay.delivery-timeout:10s}") Duration deliveryTimeout) {
        Map<String, Object> config = new HashMap<>(kafkaProperties.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, RelayCloudEventSerializer.class);
        config.put(CloudEventSerializer.ENCODING_CONFIG, Encoding.STRUCTURED);
        config.put(CloudEventSerializer.EVENT_FORMAT_CONFIG, JsonFormat.CONTENT_TYPE);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        // a batch of the relay's is hundreds of ~1 KB records per partition: with Kafka's 16 KB the producer cut them
        // into many requests, waking its sender for each new one, and the broker handled each; unless configured
        config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) maxBlock.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(deliveryTimeout.toMillis() / 2, 30_000));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis());
        return new DefaultKafkaProducerFactory<>(config);
    }

    @Bean
    KafkaTemplate<String, CloudEvent> cloudEventTemplate(ProducerFactory<String, CloudEvent> cloudEventProducerFactory) {
        return new KafkaTemplate<>(cloudEventProducerFactory);
    }

    @Bean
    CloudEventMapper cloudEventMapper(@Value("${spring.application.name}") String serviceName) {
        return new CloudEventMapper(serviceName);
    }

    @Bean
    RelayOutcomes relayOutcomes(ObjectProvider<Clock> clock) {
        return new RelayOutcomes(clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnProperty(name = "techex.relay.enabled", havingValue = "true", matchIfMissing = true)
    KafkaRelay kafkaRelay(KafkaTemplate<String, CloudEvent> cloudEventTemplate, CloudEventMapper cloudEventMapper,
                          Topics topics, @Value("${techex.relay.delivery-timeout:10s}") Duration deliveryTimeout,
                          RelayOutcomes relayOutcomes, ObjectProvider<EventTracing> tracing) {
        return new KafkaRelay(cloudEventTemplate, cloudEventMapper, topics.events(), deliveryTimeout.plusSeconds(2),
                relayOutcomes, tracing.getIfAvailable(() -> EventTracing.NONE));
    }

    /**
     * The relay is a plain {@link org.axonframework.eventhandling.EventMessageHandler}, which Axon's Spring support does
     * not pick up by itself (it looks for {@code @EventHandler} methods); its {@code @ProcessingGroup} puts it in the
     * kafka-relay processor.
     */
    @Bean
    ConfigurerModule relayHandler(ObjectProvider<KafkaRelay> relay) {
        return configurer -> relay.ifAvailable(handler -> configurer.eventProcessing().registerEventHandler(c -> handler));
    }

    /**
     * Named in {@code axon.eventhandling.processors.kafka-relay.source}: the event store, with streams that wake the
     * relay's coordinator as soon as an event is stored instead of leaving it to look every 500 ms, and that hand a
     * backlog over in groups. Their reader threads deserialize what the coordinator (the asset id, for the segment)
     * and the relay (the actor in the metadata) read, off the coordinator's single thread.
     */
    @Bean
    PromptEventSource relayEventSource(ObjectProvider<org.axonframework.config.Configuration> axon, DataSource dataSource,
                                       TokenSchema tokenSchema) {
        StoredPositions stored = new StoredPositions(dataSource, tokenSchema, () -> axon.getObject().serializer(),
                KafkaRelay.PROCESSING_GROUP);
        return new PromptEventSource(() -> axon.getObject().eventStore(), KafkaRelay.PROCESSING_GROUP, stored,
                event -> {
                    if (event.getPayload() instanceof PublicEvent) {
                        event.getMetaData();
                    }
                });
    }

    /** Named in {@code axon.eventhandling.processors.kafka-relay.sequencing-policy}. */
    @Bean
    AssetSequencingPolicy assetSequencingPolicy() {
        return new AssetSequencingPolicy();
    }

    /**
     * Axon's default error handler logs a failed event and moves on, which for the relay would skip an event
     * for good. Propagating the error keeps the token where it is so the batch is retried.
     */
    @Bean
    ConfigurerModule relayErrorsPropagate() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(KafkaRelay.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
