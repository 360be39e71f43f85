package io.techex.platform.actor;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** Sends a command on behalf of an actor, whose identity then travels into every event the command causes. */
public class ActingCommandGateway {

    private final CommandGateway commandGateway;
    private final EventStore eventStore;
    private final Actor system;

    /** @param system the exchange itself in this service ({@link Actor#system}), for what no person does */
    public ActingCommandGateway(CommandGateway commandGateway, EventStore eventStore, Actor system) {
        this.commandGateway = commandGateway;
        this.eventStore = eventStore;
        this.system = system;
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

    /**
     * Sends as the exchange itself: a policy following a rule in reaction to an event (a conflicting deal closes an
     * offer, a withdrawn listing ends its auctions). Otherwise the command would name whoever caused that event, or
     * nobody when it came from another service, as if they had asked for it.
     */
    public <R> R sendAsSystem(Object command) {
        return send(command, system);
    }

    /** The exchange itself in this service: who acts when a rule or the clock does. */
    public Actor system() {
        return system;
    }
}
