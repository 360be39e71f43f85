package io.techex.listing.matching;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MatchingConfiguration {

    /**
     * Axon's default logs a failed event and moves on: matching would then score against items it never heard of, or
     * miss a pair for good. Propagating keeps the token where it is, so the batch is retried.
     */
    @Bean
    ConfigurerModule matchingErrorsPropagate() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(MatchingProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(MatchingPolicy.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
