package io.techex.platform.actor;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Copies the actor from each command's metadata to the events it causes, so the trail names who acted. */
@AutoConfiguration(afterName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
public class ActorConfiguration {

    @Bean
    CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(Actor.PERSON, Actor.ORGANISATION, Actor.ROLE);
    }

    /** The exchange itself is named after the service it acts in, e.g. {@code bidding-service}. */
    @Bean
    ActingCommandGateway actingCommandGateway(CommandGateway commandGateway, EventStore eventStore,
                                              @Value("${spring.application.name}") String service) {
        return new ActingCommandGateway(commandGateway, eventStore, Actor.system(service));
    }
}
