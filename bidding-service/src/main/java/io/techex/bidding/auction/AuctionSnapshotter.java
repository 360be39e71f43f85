package io.techex.bidding.auction;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.RepositoryProvider;
import org.springframework.beans.factory.DisposableBean;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Axon's snapshotter for auctions, on a thread of its own. A command that brings an auction over the snapshot
 * threshold only schedules the snapshot after its commit; the snapshot is read (the previous snapshot and the events
 * after it), written and the older one deleted in a transaction of that thread, so no bid waits for it.
 */
final class AuctionSnapshotter extends AggregateSnapshotter implements DisposableBean {

    private final ThreadPoolExecutor thread;

    private AuctionSnapshotter(Builder builder, ThreadPoolExecutor thread) {
        super(builder);
        this.thread = thread;
    }

    static AuctionSnapshotter create(EventStore eventStore, TransactionManager transactionManager,
                                     AggregateFactory<Auction> auctions, ParameterResolverFactory parameterResolverFactory,
                                     HandlerDefinition handlerDefinition, RepositoryProvider repositoryProvider) {
        // the queue needs no bound: Axon schedules one snapshot per auction at a time and drops a request for an
        // auction whose snapshot is still pending, so it never holds more tasks than there are auctions. Only after
        // shutdown is a task refused, and a snapshot not taken costs nothing but a longer load.
        ThreadPoolExecutor thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name("auction-snapshots").daemon().factory(), new ThreadPoolExecutor.DiscardPolicy());
        Builder builder = AggregateSnapshotter.builder()
                .eventStore(eventStore)
                .executor(thread)
                .transactionManager(transactionManager)
                .aggregateFactories(auctions)
                .repositoryProvider(repositoryProvider)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition);
        return new AuctionSnapshotter(builder, thread);
    }

    /** Past a snapshot it cannot read, as the repository loads the auction: otherwise none would replace it. */
    @Override
    @SuppressWarnings("rawtypes")
    protected DomainEventMessage createSnapshot(Class<?> aggregateType, String aggregateIdentifier,
                                                DomainEventStream eventStream) {
        return super.createSnapshot(aggregateType, aggregateIdentifier,
                AuctionRepository.readable(eventStream, aggregateIdentifier, getEventStore()));
    }

    /** Lets the snapshots already asked for finish while the database is still there, for a few seconds at most. */
    @Override
    public void destroy() throws InterruptedException {
        thread.shutdown();
        if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
            thread.shutdownNow();
        }
    }
}
