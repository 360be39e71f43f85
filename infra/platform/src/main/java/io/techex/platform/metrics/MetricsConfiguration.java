package io.techex.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.techex.platform.events.Topics;
import io.techex.platform.relay.KafkaRelay;
import io.techex.platform.relay.RelayOutcomes;
import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

import java.time.Duration;

/**
 * The exchange's own metrics, beside Boot's HTTP, JVM and pool metrics, all on {@code /actuator/prometheus}. Each is
 * observed from outside what it measures (an Axon interceptor on the command bus, the relay's tokens and the event
 * store in SQL, the deadline table, Kafka's client metrics, the dead-letter recoverer's header hook, the HTTP answers),
 * so the relay, the consumers and the web filters stay as they are. Alert rules and a dashboard on these names:
 * infra/deploy/prometheus and infra/deploy/grafana.
 */
@AutoConfiguration
@ConditionalOnClass(MeterRegistry.class)
public class MetricsConfiguration {

    @Bean
    static SmartInitializingSingleton commandMetricsOnTheBus(ObjectProvider<CommandBus> commandBus,
                                                             ObjectProvider<MeterRegistry> registry) {
        return () -> commandBus.ifAvailable(bus -> bus.registerHandlerInterceptor(new CommandMetrics(registry.getObject())));
    }

    @Bean
    RelayLag relayLag(JdbcTemplate jdbcTemplate) {
        return new RelayLag(jdbcTemplate, KafkaRelay.PROCESSING_GROUP);
    }

    /** Health {@code kafkaRelay}, shown with its details in the health group {@code relay}. */
    @Bean
    RelayHealthIndicator kafkaRelayHealthIndicator(RelayLag relayLag, RelayOutcomes relayOutcomes,
                                                   ObjectProvider<KafkaRelay> relay) {
        return new RelayHealthIndicator(relayLag, relayOutcomes, relay.getIfAvailable() != null);
    }

    @Bean
    DeadlineGauges deadlineGauges(JdbcTemplate jdbcTemplate,
                                  @Value("${techex.metrics.deadline-overdue-after:1m}") Duration overdueAfter) {
        return new DeadlineGauges(jdbcTemplate, overdueAfter);
    }

    @Bean
    DeadLetterCounter deadLetterCounter(Topics topics) {
        return new DeadLetterCounter(topics.consumed());
    }

    /** Counts each record the platform's recoverer dead-letters; the hook adds no header (null). */
    @Bean
    static BeanPostProcessor deadLetterCounting(ObjectProvider<DeadLetterCounter> counter) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DeadLetterPublishingRecoverer recoverer) {
                    recoverer.addHeadersFunction((record, failure) -> {
                        counter.getObject().count(record.topic());
                        return null;
                    });
                }
                return bean;
            }
        };
    }

    @Bean
    static BeanPostProcessor kafkaClientMetrics(ObjectProvider<MeterRegistry> registry) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DefaultKafkaConsumerFactory<?, ?> consumers) {
                    consumers.addListener(LazyKafkaClientMetrics.consumers(registry));
                } else if (bean instanceof DefaultKafkaProducerFactory<?, ?> producers) {
                    producers.addListener(LazyKafkaClientMetrics.producers(registry));
                }
                return bean;
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class WebOutcomes {

        /** Order -60: outside the rate limit (-50) and Idempotency-Key (0) filters, inside Spring Security (-100). */
        @Bean
        FilterRegistrationBean<WebOutcomeMetricsFilter> webOutcomeMetricsFilter(MeterRegistry registry) {
            var registration = new FilterRegistrationBean<>(new WebOutcomeMetricsFilter(registry));
            registration.setName("webOutcomeMetricsFilter");
            registration.setOrder(-60);
            return registration;
        }
    }
}
