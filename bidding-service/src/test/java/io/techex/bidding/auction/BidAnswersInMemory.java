package io.techex.bidding.auction;

import org.axonframework.modelling.command.ConcurrencyException;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The answers one Axon fixture's commands gave, in memory, as {@link StoredBidAnswers} keeps them in PostgreSQL (its own
 * behaviour is tested against PostgreSQL in {@code AuctionLoadTest} and {@code BidAnswersMigrationTest}). A fixture
 * gets a new one: events given to a fixture do not record answers, the commands given and sent to it do.
 */
final class BidAnswersInMemory implements BidAnswers {

    private final Map<String, PlacedBid> answers = new HashMap<>();

    @Override
    public Optional<PlacedBid> find(String auctionId, String bidId) {
        return Optional.ofNullable(answers.get(auctionId + "|" + bidId));
    }

    @Override
    public void record(String auctionId, PlacedBid answer) {
        if (answers.putIfAbsent(auctionId + "|" + answer.bidId(), answer) != null) {
            throw new ConcurrencyException("Bid " + answer.bidId() + " was answered meanwhile");
        }
    }
}
