package io.techex.bidding.auction;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;

/**
 * How auctions are kept: the {@link AuctionRepository} over a cache of the recently used ones, snapshots by
 * {@link AuctionSnapshotter} every {@code snapshot-threshold} events, so that loading an auction reads at most that
 * many events whatever its history. Without them every bid that missed the cache replayed the auction's whole
 * history under its lock: on auctions of 241 events the benchmark's bids read 225 rows each.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuctionStorage.Settings.class)
class AuctionStorage {

    static final String REPOSITORY = "auctionRepository";
    static final String CACHE = "auctionAggregateCache";

    /**
     * @param snapshotThreshold the events an auction is loaded with (its snapshot's included) or applies, counted
     *                          since it was loaded, after which a snapshot is taken
     * @param cachedAuctions    how many of the most recently used auctions are kept in memory
     */
    @ConfigurationProperties("techex.bidding.auctions")
    record Settings(@DefaultValue("50") int snapshotThreshold, @DefaultValue("1000") int cachedAuctions) {

        Settings {
            if (snapshotThreshold < 2) {
                // a snapshot replaces at least one event besides itself
                throw new IllegalArgumentException("techex.bidding.auctions.snapshot-threshold must be at least 2, was "
                        + snapshotThreshold);
            }
            if (cachedAuctions < 1) {
                throw new IllegalArgumentException("techex.bidding.auctions.cached-auctions must be at least 1, was "
                        + cachedAuctions);
            }
        }
    }

    @Bean(CACHE)
    Cache auctionCache(Settings settings) {
        return new RecentlyUsedCache(settings.cachedAuctions());
    }

    @Bean
    AuctionSnapshotter auctionSnapshotter(EventStore eventStore, TransactionManager transactionManager,
                                          @Qualifier("auctionAggregateFactory") AggregateFactory<Auction> auctions,
                                          ParameterResolverFactory parameterResolverFactory,
                                          HandlerDefinition handlerDefinition, Configuration axon) {
        return AuctionSnapshotter.create(eventStore, transactionManager, auctions, parameterResolverFactory,
                handlerDefinition, axon::repository);
    }

    @Bean(REPOSITORY)
    AuctionRepository auctionRepository(EventStore eventStore, @Qualifier(CACHE) Cache cache,
                                        AuctionSnapshotter snapshotter, Settings settings,
                                        @Qualifier("auctionAggregateFactory") AggregateFactory<Auction> auctions,
                                        ParameterResolverFactory parameterResolverFactory,
                                        HandlerDefinition handlerDefinition, Configuration axon) {
        return AuctionRepository.create(eventStore, cache,
                new EventCountSnapshotTriggerDefinition(snapshotter, settings.snapshotThreshold()), auctions,
                parameterResolverFactory, handlerDefinition, axon::repository);
    }
}
