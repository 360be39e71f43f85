package io.techex.bidding.auction;

import io.techex.platform.rules.RuleViolation;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.ExecutionResult;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.RepositoryProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Loads auctions from a cache, or from their latest snapshot and the events after it, and tells the cache which
 * failed commands leave an auction as the store has it.
 *
 * <p>Axon's caching repository drops an aggregate from its cache whenever a unit of work rolls back. A refused bid (too
 * low, the auction ended) is a {@link RuleViolation}, unchecked, so it rolls back too, and the bid after it reloaded
 * the auction: on the benchmark's hot auction 66 ms instead of 10. Here:
 * <ul>
 *   <li>A command refused by a rule before it applied an event (the aggregate's version is the one it was loaded at)
 *       leaves the auction as it was, so it stays cached, or is cached when this command loaded it. An auction
 *       changes its state only in its event sourcing handlers (the Axon fixtures of its tests fail a command handler
 *       that does otherwise), so an unchanged version is an unchanged auction.</li>
 *   <li>A command that applied an event and then failed, and any failure other than a refusal, drops it: the cached
 *       instance may have changed. That includes another instance's bid having taken the sequence number this one
 *       appends at: the store's unique key refuses the append, the command is answered 409, and the next one loads
 *       the auction afresh.</li>
 *   <li>A refusal decided on a cached auction keeps it only while the store's last sequence number is still the
 *       cached version (one index lookup, for refusals only): an auction another instance has bid on since may be
 *       refusing on stale grounds (an extension it has not seen), and otherwise nothing but an accepted bid would
 *       ever drop it.</li>
 * </ul>
 */
final class AuctionRepository extends EventSourcingRepository<Auction> {

    private static final Logger log = LoggerFactory.getLogger(AuctionRepository.class);

    private final Cache cache;
    private final EventStore eventStore;
    private final RepositoryProvider repositoryProvider;
    private final SnapshotTriggerDefinition snapshotTrigger;

    private AuctionRepository(Builder<Auction> builder, Cache cache, EventStore eventStore,
                              RepositoryProvider repositoryProvider, SnapshotTriggerDefinition snapshotTrigger) {
        super(builder);
        this.cache = cache;
        this.eventStore = eventStore;
        this.repositoryProvider = repositoryProvider;
        this.snapshotTrigger = snapshotTrigger;
    }

    static AuctionRepository create(EventStore eventStore, Cache cache, SnapshotTriggerDefinition snapshotTrigger,
                                    AggregateFactory<Auction> auctions, ParameterResolverFactory parameterResolverFactory,
                                    HandlerDefinition handlerDefinition, RepositoryProvider repositoryProvider) {
        Builder<Auction> builder = EventSourcingRepository.builder(Auction.class)
                .eventStore(eventStore)
                .snapshotTriggerDefinition(snapshotTrigger)
                .aggregateFactory(auctions)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .repositoryProvider(repositoryProvider);
        return new AuctionRepository(builder, cache, eventStore, repositoryProvider, snapshotTrigger);
    }

    @Override
    protected EventSourcedAggregate<Auction> doCreateNewForLock(Callable<Auction> factoryMethod) throws Exception {
        EventSourcedAggregate<Auction> created = super.doCreateNewForLock(factoryMethod);
        // cached when its commit began; its events are not stored if that commit fails
        CurrentUnitOfWork.get().onRollback(unitOfWork -> {
            String auctionId = created.identifierAsString();
            if (auctionId != null) {
                cache.remove(auctionId);
            }
        });
        return created;
    }

    @Override
    protected EventSourcedAggregate<Auction> doLoadWithLock(String auctionId, Long expectedVersion) {
        AggregateCacheEntry<Auction> entry = cache.get(auctionId);
        EventSourcedAggregate<Auction> cached = entry == null ? null
                : entry.recreateAggregate(aggregateModel(), eventStore, repositoryProvider, snapshotTrigger);
        EventSourcedAggregate<Auction> auction = cached != null ? cached : super.doLoadWithLock(auctionId, expectedVersion);
        Long loadedAt = auction.version();
        CurrentUnitOfWork.get().onRollback(unitOfWork -> rolledBack(unitOfWork, auction, loadedAt, cached != null));
        if (auction.isDeleted()) {
            throw new AggregateDeletedException(auctionId);
        }
        return auction;
    }

    @Override
    protected DomainEventStream readEvents(String auctionId) {
        return readable(super.readEvents(auctionId), auctionId, eventStore);
    }

    /**
     * {@code history} as the event store gave it (the latest snapshot its revision filter let through and the events
     * after it, or all the events), or all the auction's events when that snapshot cannot be read. Axon reads a
     * snapshot's payload only when the auction is built from it, past the point where it falls back to the events: a
     * snapshot this class cannot read (a field renamed without a new {@code Revision}, the class moved) would fail
     * every command on the auction, and every snapshot taken of it, for good.
     */
    static DomainEventStream readable(DomainEventStream history, String auctionId, EventStore eventStore) {
        // an auction's first event is number 0: anything else first is a snapshot
        if (!history.hasNext() || history.peek().getSequenceNumber() == 0) {
            return history;
        }
        DomainEventMessage<?> snapshot = history.peek();
        try {
            if (snapshot.getPayload() instanceof Auction) {
                return history;
            }
            log.warn("The snapshot of auction {} at {} is no auction but a {}; loading the auction from its events",
                    auctionId, snapshot.getSequenceNumber(), snapshot.getPayloadType().getName());
        } catch (RuntimeException | LinkageError e) {
            log.warn("The snapshot of auction {} at {} cannot be read; loading the auction from its events", auctionId,
                    snapshot.getSequenceNumber(), e);
        }
        return eventStore.readEvents(auctionId, 0);
    }

    @Override
    protected void doSaveWithLock(EventSourcedAggregate<Auction> auction) {
        super.doSaveWithLock(auction);
        cache.put(auction.identifierAsString(), new AggregateCacheEntry<>(auction));
    }

    /** Runs under the auction's lock, which is released only when the unit of work is cleaned up. */
    private void rolledBack(UnitOfWork<?> unitOfWork, EventSourcedAggregate<Auction> auction, Long loadedAt,
                            boolean fromCache) {
        String auctionId = auction.identifierAsString();
        boolean unchanged = Objects.equals(auction.version(), loadedAt);
        if (unchanged && refusedByRule(unitOfWork) && (!fromCache || storeStillAt(auctionId, loadedAt))) {
            cache.put(auctionId, new AggregateCacheEntry<>(auction));
        } else {
            cache.remove(auctionId);
        }
    }

    private static boolean refusedByRule(UnitOfWork<?> unitOfWork) {
        ExecutionResult result = unitOfWork.getExecutionResult();
        return result != null && result.isExceptionResult() && result.getExceptionResult() instanceof RuleViolation;
    }

    /**
     * Whether no event of the auction was stored after {@code version}. Asked before the command's transaction is
     * rolled back (Axon runs rollback handlers in reverse order), which a refusal has left usable.
     */
    private boolean storeStillAt(String auctionId, Long version) {
        try {
            return eventStore.lastSequenceNumberFor(auctionId).equals(Optional.ofNullable(version));
        } catch (RuntimeException e) {
            // not knowing costs one reload of the auction, keeping a stale one could cost wrong refusals
            log.debug("Could not read the last sequence number of auction {}; dropping it from the cache", auctionId, e);
            return false;
        }
    }
}
