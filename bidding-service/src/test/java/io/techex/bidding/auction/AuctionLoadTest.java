package io.techex.bidding.auction;

import io.techex.bidding.api.BidPlaced;
import io.techex.bidding.api.DealType;
import io.techex.bidding.auction.CountingEventStorageEngine.Reads;
import io.techex.platform.actor.ActingCommandGateway;
import io.techex.platform.actor.Actor;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.TestTokens;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What loading an auction costs the event store, counted by a decorator around the service's own storage engine (real
 * PostgreSQL): a bid on an auction in memory reads nothing, also after a refused bid and across a garbage collection;
 * one that has to load it (another instance, a restart) reads its latest snapshot and fewer events than the snapshot
 * threshold, however long its history; and a cached auction another instance has bid on meanwhile is dropped, not
 * kept, when that shows; a bid that lost to another instance's leaves no answer behind.
 */
@IntegrationTest
class AuctionLoadTest {

    static final Actor SELLER = new Actor("lan.nguyen", "hust", Actor.Role.UNIVERSITY);
    static final Actor MEKONG = new Actor("thu.vo", "mekong-biotech", Actor.Role.FIRM);
    static final Actor KYOTO = new Actor("kenji.sato", "kyoto-materials", Actor.Role.FIRM);
    static final BigDecimal STARTING_PRICE = new BigDecimal("1000000");
    static final BigDecimal INCREMENT = new BigDecimal("10000");

    @TestConfiguration
    static class CountedReads {
        @Bean
        static BeanPostProcessor countedEventStorage() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof EventStorageEngine engine ? new CountingEventStorageEngine(engine) : bean;
                }
            };
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    ActingCommandGateway commands;
    @Autowired
    EventStorageEngine storage;
    @Autowired
    EventStore eventStore;
    @Autowired
    Snapshotter snapshotter;
    @Autowired
    @Qualifier("auctionAggregateCache")
    Cache auctionsInMemory;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    BidAnswers answers;
    @Autowired
    Clock clock;
    @Value("${techex.bidding.auctions.snapshot-threshold:50}")
    int snapshotThreshold;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anAuctionLoadedAfterHundredsOfBidsReadsNoMoreEventsThanTheSnapshotThresholdAsOneWithAFewBidsDoes() {
        String shortHistory = scheduled();
        String longHistory = scheduled();
        bid(shortHistory, 5);
        bid(longHistory, 300);
        long head = 2 + 300 - 1;
        await().atMost(Duration.ofSeconds(60)).until(() -> head - snapshotAt(longHistory) < snapshotThreshold);
        // as on an instance that does not have them in memory: another one, or this one after a restart
        auctionsInMemory.remove(shortHistory);
        auctionsInMemory.remove(longHistory);
        reads(shortHistory);
        reads(longHistory);

        PlacedBid onShort = commands.send(bid(shortHistory, 6, MEKONG), MEKONG);
        Reads shortReads = reads(shortHistory);
        PlacedBid onLong = commands.send(bid(longHistory, 301, MEKONG), MEKONG);
        Reads longReads = reads(longHistory);

        assertThat(onShort.bidNumber()).isEqualTo(6);
        assertThat(shortReads).isEqualTo(new Reads(2 + 5, 0, 0));
        assertThat(onLong.bidNumber()).isEqualTo(301);
        assertThat(longReads.snapshots()).as("the snapshot used").isEqualTo(1);
        assertThat(longReads.events()).as("events read of an auction of %s events", head + 1).isLessThan(snapshotThreshold);
        // a retry of its first bid is answered as the first time, from bid_answer: not from the store's events
        PlacedBid first = commands.send(bid(longHistory, 1, KYOTO), KYOTO);
        assertThat(first.bidNumber()).isEqualTo(1);
        assertThat(first.amount()).isEqualByComparingTo(amount(1));
        assertThat(reads(longHistory)).isEqualTo(Reads.NONE);
    }

    @Test
    void theBidAfterARefusedOneReadsNothingFromTheStore() {
        String auctionId = scheduled();
        bid(auctionId, 3);
        reads(auctionId);

        assertThatThrownBy(() -> commands.send(new PlaceBid(auctionId, UUID.randomUUID().toString(), "kyoto-materials",
                amount(3), "VND", clock.instant()), KYOTO)).isInstanceOf(BidTooLow.class);
        Reads refusal = reads(auctionId);
        PlacedBid next = commands.send(bid(auctionId, 4, MEKONG), MEKONG);

        assertThat(refusal.events()).isZero();
        assertThat(refusal.snapshots()).isZero();
        assertThat(next.bidNumber()).isEqualTo(4);
        assertThat(reads(auctionId)).isEqualTo(Reads.NONE);
    }

    @Test
    void anAuctionBidOnStaysInMemoryThroughAGarbageCollection() {
        String auctionId = scheduled();
        bid(auctionId, 3);
        reads(auctionId);

        System.gc();
        PlacedBid next = commands.send(bid(auctionId, 4, MEKONG), MEKONG);

        assertThat(next.bidNumber()).isEqualTo(4);
        assertThat(reads(auctionId)).isEqualTo(Reads.NONE);
    }

    @Test
    void aBidOnAnAuctionAnotherInstanceHasBidOnSinceIsA409AndTheNextBidLoadsTheAuctionAfresh() throws Exception {
        String auctionId = scheduled();
        bid(auctionId, 1);
        anotherInstanceAccepts(auctionId, 2, "kyoto-materials", amount(2));
        reads(auctionId);

        var stale = send("/auctions/" + auctionId + "/bids", TestTokens.FIRM, "{\"amount\": \"" + amount(3).toPlainString() + "\"}");
        PlacedBid next = commands.send(bid(auctionId, 3, MEKONG), MEKONG);

        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(409);
        assertThat(stale.body()).contains("https://techex.io/problems/concurrent-modification");
        assertThat(next.bidNumber()).isEqualTo(3);
        assertThat(reads(auctionId).events()).as("the whole auction, loaded afresh").isEqualTo(2 + 2);
    }

    @Test
    void aBidLostToAnotherInstancesBidLeavesNoAnswerSoItsRetryIsJudgedAfresh() {
        String auctionId = scheduled();
        bid(auctionId, 1);
        anotherInstanceAccepts(auctionId, 2, "kyoto-materials", amount(2));
        PlaceBid lost = bid(auctionId, 3, MEKONG);

        assertThatThrownBy(() -> commands.send(lost, MEKONG)).isInstanceOf(ConcurrencyException.class);
        assertThat(answers.find(auctionId, lost.bidId())).as("the answer rolled back with the bid's events").isEmpty();
        PlacedBid retried = commands.send(lost, MEKONG);

        assertThat(retried.bidNumber()).isEqualTo(3);
        assertThat(answers.find(auctionId, lost.bidId())).contains(retried);
    }

    @Test
    void aBidRefusedOnAnAuctionAnotherInstanceHasBidOnSinceDropsItSoTheNextBidIsJudgedOnTheStore() {
        String auctionId = scheduled();
        bid(auctionId, 1);
        // this instance still has its own bid as the highest
        anotherInstanceAccepts(auctionId, 2, "mekong-biotech", amount(50));

        assertThatThrownBy(() -> commands.send(new PlaceBid(auctionId, UUID.randomUUID().toString(), "kyoto-materials",
                amount(1), "VND", clock.instant()), KYOTO)).isInstanceOf(BidTooLow.class);
        reads(auctionId);
        PlacedBid next = commands.send(bid(auctionId, 51, KYOTO), KYOTO);

        assertThat(next.bidNumber()).isEqualTo(3);
        assertThat(next.amount()).isEqualByComparingTo(amount(51));
        assertThat(reads(auctionId).events()).isEqualTo(2 + 2);
    }

    @Test
    void aSnapshotOfAnEarlierShapeOfTheAuctionIsNotUsed() {
        String auctionId = scheduled();
        bid(auctionId, 3);
        snapshotter.scheduleSnapshot(Auction.class, auctionId);
        await().atMost(Duration.ofSeconds(30)).until(() -> snapshotAt(auctionId) == 4);
        // as an earlier shape of the class would read it: the price its field names no longer mean
        jdbc.update("""
                UPDATE snapshot_event_entry SET payload_revision = NULL,
                    payload = convert_to(jsonb_set(convert_from(payload, 'UTF8')::jsonb, '{currentPrice}', '1')::text, 'UTF8')
                WHERE aggregate_identifier = ?""", auctionId);
        auctionsInMemory.remove(auctionId);
        reads(auctionId);

        assertThatThrownBy(() -> commands.send(new PlaceBid(auctionId, UUID.randomUUID().toString(), "mekong-biotech",
                amount(3), "VND", clock.instant()), MEKONG)).isInstanceOf(BidTooLow.class);
        assertThat(reads(auctionId)).isEqualTo(new Reads(2 + 3, 0, 0));
    }

    @Test
    void aSnapshotTheAuctionCannotReadIsPassedOverByItsLoadsAndReplacedByTheNextSnapshot() {
        String auctionId = scheduled();
        bid(auctionId, 3);
        snapshotter.scheduleSnapshot(Auction.class, auctionId);
        await().atMost(Duration.ofSeconds(30)).until(() -> snapshotAt(auctionId) == 4);
        // as a change to the class that was not given a new revision would leave it
        jdbc.update("""
                UPDATE snapshot_event_entry SET payload = convert_to('{"noSuchField": 1}', 'UTF8')
                WHERE aggregate_identifier = ?""", auctionId);
        auctionsInMemory.remove(auctionId);
        reads(auctionId);

        PlacedBid next = commands.send(bid(auctionId, 4, MEKONG), MEKONG);

        assertThat(next.bidNumber()).isEqualTo(4);
        assertThat(reads(auctionId).events()).as("all its events").isEqualTo(2 + 3);
        snapshotter.scheduleSnapshot(Auction.class, auctionId);
        await().atMost(Duration.ofSeconds(30)).until(() -> snapshotAt(auctionId) == 5);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                Integer.class, auctionId)).isEqualTo(1);
    }

    /** An English auction open from a second ago for an hour, without soft close; its two events are 0 and 1. */
    private String scheduled() {
        String auctionId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        commands.send(new ScheduleAuction(auctionId, UUID.randomUUID().toString(), "hust", Set.of(DealType.ASSIGNMENT),
                new AuctionTerms(DealType.ASSIGNMENT, null, null, null), "VND", STARTING_PRICE, null, INCREMENT,
                now.minusSeconds(1), now.plus(Duration.ofHours(1)), 0, now), SELLER);
        return auctionId;
    }

    /** Bids 1 to {@code count}, each the least the auction takes, the two firms in turn. */
    private void bid(String auctionId, int count) {
        for (int number = 1; number <= count; number++) {
            Actor bidder = number % 2 == 1 ? KYOTO : MEKONG;
            assertThat(commands.<PlacedBid>send(bid(auctionId, number, bidder), bidder).bidNumber()).isEqualTo(number);
        }
    }

    /** The {@code number}th bid at the least it may be, with an id of its own that a retry repeats. */
    private PlaceBid bid(String auctionId, int number, Actor bidder) {
        return new PlaceBid(auctionId, auctionId + "|" + number, bidder.organisationId(), amount(number), "VND",
                clock.instant());
    }

    private static BigDecimal amount(int bidNumber) {
        return STARTING_PRICE.add(INCREMENT.multiply(BigDecimal.valueOf(bidNumber - 1)));
    }

    /** Another instance of the service took a bid: its event is in the store, and this instance has not seen it. */
    private void anotherInstanceAccepts(String auctionId, int bidNumber, String bidder, BigDecimal amount) {
        eventStore.publish(new GenericDomainEventMessage<>("Auction", auctionId, 1L + bidNumber,
                new BidPlaced(auctionId, UUID.randomUUID().toString(), UUID.randomUUID().toString(), bidder, amount,
                        "VND", bidNumber, clock.instant(), false, false),
                new Actor("someone", bidder, Actor.Role.FIRM).asMetaData()));
    }

    private Reads reads(String auctionId) {
        return ((CountingEventStorageEngine) storage).readsOf(auctionId);
    }

    private long snapshotAt(String auctionId) {
        Long at = jdbc.queryForObject("SELECT max(sequence_number) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                Long.class, auctionId);
        return at == null ? -1 : at;
    }

    private HttpResponse<String> send(String path, String person, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestTokens.get().bearer(person))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
