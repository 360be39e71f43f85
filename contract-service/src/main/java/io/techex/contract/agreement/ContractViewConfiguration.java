package io.techex.contract.agreement;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ContractViewConfiguration {

    /**
     * Axon's default logs a failing handler and carries on, which would leave the view behind the contract for good;
     * propagating fails the command instead, and its transaction rolls back with the view.
     */
    @Bean
    ConfigurerModule contractViewErrorsPropagate() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(ContractViewProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
