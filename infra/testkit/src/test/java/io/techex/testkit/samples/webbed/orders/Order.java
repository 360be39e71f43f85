package io.techex.testkit.samples.webbed.orders;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateRoot;

/** An aggregate whose rule answers in HTTP's terms, one class away. */
@AggregateRoot
public class Order {

    @CommandHandler
    public Order(PlaceOrder command) {
        OrderRules.check(command);
    }
}
