package io.techex.platform.web;

import io.techex.platform.rules.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** An event-sourced aggregate whose rules say no the way a service's do: when created, and once it exists. */
@Aggregate
class Registration {

    record Register(String registrationId, int sharePercent) {
    }

    record Withdraw(@TargetAggregateIdentifier String registrationId) {
    }

    record Registered(String registrationId) {
    }

    @AggregateIdentifier
    private String registrationId;

    Registration() {
    }

    @CommandHandler
    Registration(Register command) {
        if (command.sharePercent() != 100) {
            throw RuleViolation.unprocessable("shares-not-100", "sharePercent", "The owners' shares must add up to 100");
        }
        apply(new Registered(command.registrationId()));
    }

    @CommandHandler
    void handle(Withdraw command) {
        throw RuleViolation.conflict("registration-final", "A registration cannot be withdrawn");
    }

    @EventSourcingHandler
    void on(Registered event) {
        registrationId = event.registrationId();
    }
}
