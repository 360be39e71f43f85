package io.techex.contract.time;

import io.techex.platform.actor.Actor;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.Message;

/**
 * What aggregates of contract-service schedule as deadlines. A deadline message would otherwise carry the actor of the
 * command that scheduled it (Axon copies the current correlation data into every new message), and the events its
 * handler applies would then name, say, the party whose signature set a regulator's deadline as the one who declared
 * the regulator late. Nobody did: the exchange's clock did, and the audit trail says so.
 */
public final class Deadlines {

    /** Who acts when time passes: the exchange itself, a role no access token carries. */
    public static final Actor EXCHANGE_CLOCK = Actor.system("contract-service");

    private Deadlines() {
    }

    /** {@code payload} as a deadline message naming {@link #EXCHANGE_CLOCK}, which wins over the scheduling command's actor. */
    public static Message<Object> byTheExchange(Object payload) {
        return new GenericMessage<>(payload, EXCHANGE_CLOCK.asMetaData());
    }
}
