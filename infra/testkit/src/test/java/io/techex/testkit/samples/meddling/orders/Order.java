package io.techex.testkit.samples.meddling.orders;

import org.axonframework.modelling.command.AggregateRoot;

@AggregateRoot
public class Order {

    boolean cancelled;

    public static String idOf(String buyer, String reference) {
        return buyer + ":" + reference;
    }

    public void cancel() {
        cancelled = true;
    }
}
