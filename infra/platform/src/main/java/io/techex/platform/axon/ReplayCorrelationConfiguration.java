package io.techex.platform.axon;

import io.techex.platform.config.Decorating;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Every correlation data provider of the application, Axon's own and the platform's, kept off replays. */
@AutoConfiguration
public class ReplayCorrelationConfiguration {

    @Bean
    static BeanPostProcessor correlationOutsideReplays() {
        return Decorating.every(CorrelationDataProvider.class, CorrelationOutsideReplays.class, CorrelationOutsideReplays::new);
    }
}
