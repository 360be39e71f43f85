package io.techex.testkit.samples.webbed.orders;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.commandhandling.CommandHandler;

/** A command handler that talks to Kafka itself rather than leaving it to the relay. */
public class OrderShipping {

    @CommandHandler
    ProducerRecord<String, String> handle(PlaceOrder command) {
        return new ProducerRecord<>("orders", command.orderId(), "placed");
    }
}
