package io.techex.platform.deadline;

import io.techex.platform.actor.Actor;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.List;

/**
 * Runs every deadline handler as the exchange itself, so that the events it applies name {@link Actor#system} as their
 * actor (and the relay writes it into their CloudEvents), as events a command handler applies name the command's.
 * <p>
 * Two things would go wrong without it. Axon's deadline manager copies no correlation data into the events its
 * handlers apply (the command bus does, through the same providers registered here), so they would name nobody. And a
 * deadline message carries the actor of the command that scheduled it (Axon copies the current correlation data into
 * every new message): the seller who scheduled an auction would be named as the one who closed it. Neither did: the
 * exchange's clock did. The actor is set when the deadline fires, not when it is scheduled, so deadlines persisted
 * before this was in place act as the exchange too.
 */
final class DeadlineActor implements MessageHandlerInterceptor<DeadlineMessage<?>> {

    private final Actor system;
    private final List<CorrelationDataProvider> correlationDataProviders;

    DeadlineActor(Actor system, List<CorrelationDataProvider> correlationDataProviders) {
        this.system = system;
        this.correlationDataProviders = List.copyOf(correlationDataProviders);
    }

    @Override
    public Object handle(UnitOfWork<? extends DeadlineMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        unitOfWork.transformMessage(deadline -> deadline.andMetaData(system.asMetaData()));
        correlationDataProviders.forEach(unitOfWork::registerCorrelationDataProvider);
        return interceptorChain.proceed();
    }
}
