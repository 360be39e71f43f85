package io.techex.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.techex.platform.rules.RuleViolation;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Counts every command the bus handles as {@code techex.commands} by payload type and outcome: {@code handled} (its
 * unit of work committed), {@code rejected} (a rule of the aggregate refused it, or it named no aggregate) or
 * {@code failed} (anything else: a conflict, the database). Outcomes are read when the unit of work is cleaned up, so a
 * commit that fails after the handler returned counts as failed, not handled.
 */
public final class CommandMetrics implements MessageHandlerInterceptor<CommandMessage<?>> {

    static final String NAME = "techex.commands";

    private final MeterRegistry registry;

    public CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        String type = unitOfWork.getMessage().getPayloadType().getSimpleName();
        unitOfWork.onCleanup(finished -> counter(type, outcome(finished)).increment());
        return chain.proceed();
    }

    private static String outcome(UnitOfWork<?> finished) {
        var result = finished.getExecutionResult();
        Throwable failure = result != null && result.isExceptionResult() ? result.getExceptionResult() : null;
        if (failure == null && finished.isRolledBack()) {
            return "failed";
        }
        if (failure == null) {
            return "handled";
        }
        return failure instanceof RuleViolation || failure instanceof AggregateNotFoundException ? "rejected" : "failed";
    }

    private Counter counter(String type, String outcome) {
        return Counter.builder(NAME).description("Commands handled by this instance, by type and outcome")
                .tag("type", type).tag("outcome", outcome).register(registry);
    }
}
