package io.techex.contract.rights;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RightsConfiguration {

    /** A release that fails must fail the termination: rights the ledger still shows as held would block others. */
    @Bean
    ConfigurerModule rightsReleaseErrorsPropagate() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(RightsRelease.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
