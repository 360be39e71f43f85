package io.techex.testkit.samples.tidy.orders;

import io.techex.testkit.samples.tidy.api.OrderPlaced;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.AggregateRoot;

@AggregateRoot
public class Order {

    @AggregateIdentifier
    private String orderId;

    protected Order() {
    }

    @CommandHandler
    public Order(PlaceOrder command) {
        AggregateLifecycle.apply(new OrderPlaced(command.orderId(), command.listingId(), command.quantity()));
    }

    /** The order a buyer's reference names: a rule of identity anyone may apply. */
    public static String idOf(String buyer, String reference) {
        return buyer + ":" + reference;
    }

    @EventSourcingHandler
    void on(OrderPlaced event) {
        orderId = event.orderId();
    }
}
