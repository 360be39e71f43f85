package io.techex.testkit.samples.webbed.orders;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

final class OrderRules {

    private OrderRules() {
    }

    static void check(PlaceOrder command) {
        if (command.quantity() <= 0) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT);
        }
    }
}
