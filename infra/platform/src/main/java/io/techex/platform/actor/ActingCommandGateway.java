package io.techex.platform.actor;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Sends a command on behalf of an actor, whose identity then travels into every event the command causes. */
public class ActingCommandGateway {

    private final CommandGateway commandGateway;

    public ActingCommandGateway(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    /** Sends and waits for the result; the handler's exception, if any, is thrown here. */
    public <R> R send(Object command, Actor actor) {
        return commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(actor.asMetaData()));
    }
}
