package io.techex.bidding.auction;

import io.techex.bidding.api.DealType;
import io.techex.platform.actor.ActingCommandGateway;
import io.techex.platform.actor.Actor;
import io.techex.testkit.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answers to the bids stored before {@code bid_answer} existed are worked out from the auctions' events by its
 * migration (V6). Here against real events: bids of every kind are placed through the service, which records their
 * answers as it gives them; the auction's rows are deleted and the migration run again, and it must arrive at the same
 * rows, the answers the requests were given.
 */
@IntegrationTest
class BidAnswersMigrationTest {

    static final Actor SELLER = new Actor("lan.nguyen", "hust", Actor.Role.UNIVERSITY);
    static final Actor MEKONG = new Actor("thu.vo", "mekong-biotech", Actor.Role.FIRM);
    static final Actor KYOTO = new Actor("kenji.sato", "kyoto-materials", Actor.Role.FIRM);
    static final Actor HANOI = new Actor("minh.tran", "hanoi-robotics", Actor.Role.FIRM);

    @Autowired
    ActingCommandGateway commands;
    @Autowired
    BidAnswers answers;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Clock clock;

    @Test
    void theMigrationWorksOutTheAnswersTheAuctionGaveFromItsEvents() {
        String auctionId = scheduled();
        List<PlacedBid> given = List.of(
                // a maximum alone: the least the auction takes, leading
                bid(auctionId, "m1", MEKONG, null, "1300000000"),
                // a plain bid the standing maximum answers at once
                bid(auctionId, "k1", KYOTO, "1100000000.00", null),
                // an amount and a maximum above the standing one: leads, one increment above it
                bid(auctionId, "k2", KYOTO, "1200000000", "1500000000.50"),
                // the leader moves its own maximum: answered with its standing bid
                bid(auctionId, "k3", KYOTO, null, "1600000000"),
                // a plain bid that leads
                bid(auctionId, "h1", HANOI, "1700000000", null));
        bid(auctionId, null, MEKONG, "1800000000", null);

        List<Map<String, Object>> recorded = rows(auctionId);
        jdbc.update("DELETE FROM bid_answer WHERE auction_id = ?", auctionId);
        jdbc.update(backfill());

        assertThat(given).extracting(PlacedBid::leading).containsExactly(true, false, true, true, true);
        assertThat(given).allSatisfy(answer -> assertThat(answers.find(auctionId, answer.bidId())).contains(answer));
        assertThat(recorded).hasSize(5);
        assertThat(rows(auctionId)).isEqualTo(recorded);
    }

    /** The migration's last statement, the one that derives the answers (the service's role may not create tables). */
    private static String backfill() {
        try (var script = new ClassPathResource("db/bidding/V6__bid_answers.sql").getInputStream()) {
            String migration = new String(script.readAllBytes(), StandardCharsets.UTF_8);
            return migration.substring(migration.indexOf("INSERT INTO bid_answer"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Map<String, Object>> rows(String auctionId) {
        return jdbc.queryForList("SELECT * FROM bid_answer WHERE auction_id = ? ORDER BY bid_id", auctionId);
    }

    /** An English auction open from a second ago for an hour, without soft close. */
    private String scheduled() {
        String auctionId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        commands.send(new ScheduleAuction(auctionId, UUID.randomUUID().toString(), "hust", Set.of(DealType.ASSIGNMENT),
                new AuctionTerms(DealType.ASSIGNMENT, null, null, null), "VND", new BigDecimal("1000000000"), null,
                new BigDecimal("50000000"), now.minusSeconds(1), now.plus(Duration.ofHours(1)), 0, now), SELLER);
        return auctionId;
    }

    private PlacedBid bid(String auctionId, String bidId, Actor bidder, String amount, String maximum) {
        return commands.send(new PlaceBid(auctionId, bidId, bidder.organisationId(),
                amount == null ? null : new BigDecimal(amount), maximum == null ? null : new BigDecimal(maximum), "VND",
                clock.instant()), bidder);
    }
}
