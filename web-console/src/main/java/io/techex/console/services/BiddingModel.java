package io.techex.console.services;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * bidding-service's answers as the console reads them: its own records, not the service's classes. Amounts are
 * BigDecimal whether the service sends a decimal string or a number.
 */
public final class BiddingModel {

    private BiddingModel() {
    }

    public record Milestone(String description, BigDecimal amount) {
    }

    /** A price structure in one currency: any of its parts, at least one. */
    public record Price(String currency, BigDecimal lumpSum, BigDecimal runningRoyaltyPercent,
                        BigDecimal minimumAnnualRoyalty, List<Milestone> milestones) {

        public Price {
            milestones = milestones == null ? List.of() : milestones;
        }
    }

    /**
     * The licence an option fixes, to be taken by exercising it (bidding-service's {@code terms.licence}).
     *
     * @param dealType   EXCLUSIVE_LICENCE or NON_EXCLUSIVE_LICENCE
     * @param termMonths null for no end
     */
    public record OptionLicence(String dealType, Integer termMonths, Price price) {
    }

    /**
     * What a firm offers or a seller counters: the deal and its price.
     *
     * @param licence for an OPTION, the licence it fixes; null for every other deal
     */
    public record DealTerms(String dealType, String fieldOfUse, String territory, Integer termMonths, Price price,
                            OptionLicence licence) {

        public boolean isOption() {
            return "OPTION".equals(dealType);
        }
    }

    /** One round's offer as it was made; {@code by} BUYER or SELLER. */
    public record Round(int round, String by, DealTerms terms, Instant validUntil, Instant madeAt) {
    }

    /**
     * A negotiation as one of its parties reads it.
     *
     * @param yourSide BUYER or SELLER
     * @param yourTurn whether the reader may counter, accept or reject now (the service's rule)
     * @param rounds   every round's offer; empty in lists
     */
    public record Negotiation(String negotiationId, String listingId, String sellerOrganisationId,
                              String buyerOrganisationId, String status, int round, String offerBy, DealTerms terms,
                              Instant validUntil, String closedReason, String yourSide, boolean yourTurn,
                              String endedBy, Instant endedAt, List<Round> rounds) {

        public Negotiation {
            rounds = rounds == null ? List.of() : rounds;
        }

        public boolean isOpen() {
            return "OPEN".equals(status);
        }

        public boolean isBuyer() {
            return "BUYER".equals(yourSide);
        }

        /** The other party of the reader. */
        public String counterparty() {
            return isBuyer() ? sellerOrganisationId : buyerOrganisationId;
        }
    }

    /** Where a new negotiation or auction is. */
    public record Created(String negotiationId, String auctionId) {
    }

    /** The reader's own latest bid, its highest. */
    public record OwnBid(BigDecimal amount, int bidNumber, Instant placedAt, int bids) {
    }

    /**
     * An English auction as the reader may see it.
     *
     * @param status       SCHEDULED, OPEN, WON or CLOSED_WITHOUT_SALE
     * @param youLead      whether the reader's organisation holds the highest bid
     * @param yourBid      the reader's own latest bid; null when it has not bid
     * @param reservePrice the seller's only
     * @param yourMaximum  the most the exchange may bid for the reader (a proxy bid); the reader's only, null if none
     */
    public record Auction(String auctionId, String listingId, String sellerOrganisationId, String status,
                          String dealType, String fieldOfUse, String territory, Integer termMonths, String currency,
                          BigDecimal startingPrice, BigDecimal minimumIncrement, BigDecimal currentPrice,
                          BigDecimal minimumBid, int bidCount, boolean youLead, OwnBid yourBid, Instant startsAt,
                          Instant endsAt, int softCloseMinutes, long secondsLeft, BigDecimal reservePrice,
                          BigDecimal yourMaximum) {

        public boolean isClosed() {
            return "WON".equals(status) || "CLOSED_WITHOUT_SALE".equals(status);
        }

        public boolean isOpen() {
            return "OPEN".equals(status);
        }

        /** Bid by the reader, and another has bid more since. */
        public boolean isOutbid() {
            return yourBid != null && !youLead;
        }
    }

    /** @param youLead whether the bid leads once any standing maximum answered it */
    public record BidAccepted(String bidId, int bidNumber, BigDecimal amount, Instant placedAt, boolean youLead) {
    }

    /** The reader's own sealed bid: its amount once revealed. */
    public record SealedOwnBid(String commitment, int commitNumber, Instant committedAt, BigDecimal amount,
                               boolean revealed, boolean voided) {
    }

    /**
     * A sealed-bid auction as the reader may see it.
     *
     * @param phase SCHEDULED, COMMITTING, REVEALING, CLOSING, WON or CLOSED_WITHOUT_SALE
     */
    public record SealedBidAuction(String auctionId, String listingId, String sellerOrganisationId, String phase,
                                   String dealType, String fieldOfUse, String territory, Integer termMonths,
                                   String currency, Instant startsAt, Instant bidsDueAt, Instant endsAt, int bidCount,
                                   int revealedCount, BigDecimal winningAmount, Boolean youWon,
                                   BigDecimal reservePrice, SealedOwnBid yourBid) {

        public boolean isClosed() {
            return "WON".equals(phase) || "CLOSED_WITHOUT_SALE".equals(phase);
        }
    }

    public record Committed(String bidId, int commitNumber, String commitment) {
    }

    /**
     * A live board as bidding-service sends it: what every watcher may see.
     *
     * @param phase SCHEDULED, OPEN (English), COMMITTING, REVEALING (sealed-bid), CLOSING, WON, CLOSED_WITHOUT_SALE
     */
    public record Board(String auctionId, String format, String phase, String currency, BigDecimal currentPrice,
                        BigDecimal minimumBid, int bidCount, Instant startsAt, Instant bidsDueAt, Instant endsAt,
                        long secondsLeft) {
    }
}
