package io.techex.bidding.board;

import io.techex.bidding.auction.AuctionRow;
import io.techex.bidding.auction.AuctionViews;
import io.techex.bidding.sealed.SealedBidAuctionRow;
import io.techex.bidding.sealed.SealedBidAuctionViews;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Builds a board from the auctions' read models ({@code auction_view}, {@code sealed_auction_view}), which the event
 * store can always rebuild: the truth a lost Redis board is rebuilt from.
 */
@Component
class BoardSource {

    private final AuctionViews englishAuctions;
    private final SealedBidAuctionViews sealedBidAuctions;

    BoardSource(AuctionViews englishAuctions, SealedBidAuctionViews sealedBidAuctions) {
        this.englishAuctions = englishAuctions;
        this.sealedBidAuctions = sealedBidAuctions;
    }

    Optional<Board> load(String auctionId) {
        Optional<Board> english = englishAuctions.find(auctionId).map(BoardSource::board);
        return english.isPresent() ? english : sealedBidAuctions.find(auctionId).map(BoardSource::board);
    }

    /** While it runs, the board says what the next bid must be, by the auction's own rule. */
    private static Board board(AuctionRow auction) {
        return new Board(auction.auctionId(), "ENGLISH", auction.closed() ? auction.status().name() : null,
                auction.currency(), plain(auction.currentPrice()), auction.closed() ? null : plain(auction.minimumBid()),
                auction.bidCount(), auction.startsAt(), null, auction.endsAt());
    }

    /** The winning amount, once won, is the only amount a sealed-bid board ever shows. */
    private static Board board(SealedBidAuctionRow auction) {
        String closedAs = auction.closed() ? auction.status() : null;
        BigDecimal price = "WON".equals(closedAs) ? plain(auction.winningAmount()) : null;
        return new Board(auction.auctionId(), "SEALED_BID", closedAs, auction.currency(), price, null,
                auction.commitmentCount(), auction.startsAt(), auction.bidsDueAt(), auction.endsAt());
    }

    private static BigDecimal plain(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
