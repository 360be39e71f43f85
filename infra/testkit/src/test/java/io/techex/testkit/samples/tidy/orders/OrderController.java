package io.techex.testkit.samples.tidy.orders;

import io.techex.testkit.samples.tidy.api.Quantity;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OrderController {

    private final CommandGateway commands;

    OrderController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping("/listings/{listingId}/orders/{reference}")
    String place(@PathVariable String listingId, @PathVariable String reference) {
        String orderId = Order.idOf("buyer", reference);
        return commands.sendAndWait(new PlaceOrder(orderId, listingId, new Quantity(1)));
    }
}
