package io.techex.testkit.samples.meddling.orders;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A controller that changes an aggregate by hand and reads the event store. */
@RestController
class OrderController {

    private final EventStore events;

    OrderController(EventStore events) {
        this.events = events;
    }

    @PostMapping("/orders/cancellation")
    String cancel() {
        Order order = new Order();
        order.cancel();
        return Order.idOf("buyer", "ref") + events.getClass();
    }
}
