package io.techex.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Spring Kafka's Micrometer listeners (Kafka's own client metrics: {@code kafka.consumer.fetch.manager.records.lag}
 * per topic and partition, {@code kafka.producer.topic.record.send.total} per topic, ...), attached to the platform's
 * factories, which Boot does not customize because they are not its own. The registry is looked up when the first
 * client is created, which is after the context started, so that a factory does not pull the registry in early.
 */
final class LazyKafkaClientMetrics {

    private LazyKafkaClientMetrics() {
    }

    static <K, V> ConsumerFactory.Listener<K, V> consumers(ObjectProvider<MeterRegistry> registry) {
        return new ConsumerFactory.Listener<>() {
            private MicrometerConsumerListener<K, V> delegate;

            private synchronized MicrometerConsumerListener<K, V> delegate() {
                if (delegate == null) {
                    delegate = new MicrometerConsumerListener<>(registry.getObject());
                }
                return delegate;
            }

            @Override
            public void consumerAdded(String id, Consumer<K, V> consumer) {
                delegate().consumerAdded(id, consumer);
            }

            @Override
            public void consumerRemoved(String id, Consumer<K, V> consumer) {
                delegate().consumerRemoved(id, consumer);
            }
        };
    }

    static <K, V> ProducerFactory.Listener<K, V> producers(ObjectProvider<MeterRegistry> registry) {
        return new ProducerFactory.Listener<>() {
            private MicrometerProducerListener<K, V> delegate;

            private synchronized MicrometerProducerListener<K, V> delegate() {
                if (delegate == null) {
                    delegate = new MicrometerProducerListener<>(registry.getObject());
                }
                return delegate;
            }

            @Override
            public void producerAdded(String id, Producer<K, V> producer) {
                delegate().producerAdded(id, producer);
            }

            @Override
            public void producerRemoved(String id, Producer<K, V> producer) {
                delegate().producerRemoved(id, producer);
            }
        };
    }
}
