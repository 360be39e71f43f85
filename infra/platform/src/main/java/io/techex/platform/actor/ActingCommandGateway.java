package io.techex.platform.actor;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** Sends a command on behalf of an actor, whose identity then travels into every event the command causes. */
public class ActingCommandGateway {

    private final CommandGateway commandGateway;
    private final EventStore eventStore;

    public ActingCommandGateway(CommandGateway commandGateway, EventStore eventStore) {
        this.commandGateway = commandGateway;
        this.eventStore = eventStore;
    }

    /** Sends and waits for the result; the handler's exception, if any, is thrown here. */
    public <R> R send(Object command, Actor actor) {
        return commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(actor.asMetaData()));
    }

    /**
     * Whether an earlier request with this {@code Idempotency-Key} already created {@code aggregateId}, the id
     * {@code RequestIds} derived from the key: then a retry whose Redis record was lost is answered as that first
     * request was, without checking again what it checked (the listing may have closed, the start may have passed
     * since). Two such requests racing both find nothing; the event store's unique key lets one create the aggregate
     * and refuses the other with an {@code AggregateStreamCreationException}, which the caller answers the same way.
     *
     * @param idempotencyKey null: the id is random, nothing was created before
     */
    public boolean createdEarlier(String aggregateId, String idempotencyKey) {
        return idempotencyKey != null && eventStore.lastSequenceNumberFor(aggregateId).isPresent();
    }
}
