package io.techex.contract.royalty;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RoyaltyConfiguration {

    /** As for the contract view: a failing handler fails the command, rather than leaving the account behind. */
    @Bean
    ConfigurerModule royaltyViewErrorsPropagate() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(RoyaltyAccountProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
