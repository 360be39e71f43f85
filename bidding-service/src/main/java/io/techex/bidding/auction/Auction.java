package io.techex.bidding.auction;

import io.techex.bidding.api.AuctionClosedWithoutSale;
import io.techex.bidding.api.AuctionExtended;
import io.techex.bidding.api.AuctionFormat;
import io.techex.bidding.api.AuctionScheduled;
import io.techex.bidding.api.BidPlaced;
import io.techex.bidding.api.DealAgreed;
import io.techex.bidding.api.DealSource;
import io.techex.bidding.api.DealTerms;
import io.techex.bidding.api.DealType;
import io.techex.bidding.api.Price;
import io.techex.platform.rules.ReusedIdempotencyKey;
import io.techex.platform.rules.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An English auction of one deal on one listing. Bids are binding and must beat the current price by the minimum
 * increment; the highest bid wins at the close if it reaches the (hidden) reserve.
 *
 * <p>Decisions it embodies:
 * <ul>
 *   <li>Time is the command's: a bid stamped before {@code startsAt} or at/after {@code endsAt} is refused, to the
 *       second, whether or not the end deadline has fired yet. The close itself is the deadline's.</li>
 *   <li>Soft close: a bid less than {@code softCloseMinutes} before the end moves the end to that many minutes after the
 *       bid. The end deadline is not moved; when it fires and finds a later end it sets one for that end. So a
 *       persisted deadline always exists for the current end, also across restarts.</li>
 *   <li>The leader may raise its own bid (the increment rule still applies); a firm may not bid on its own
 *       organisation's listing, nor above a limit it set for itself.</li>
 *   <li>Scheduling records two events: {@link EnglishAuctionScheduled} with everything including the hidden reserve,
 *       kept in bidding-service, and the public {@link AuctionScheduled} without it, for the market and the trail.</li>
 *   <li>It keeps only the state the rules need (price, leader, limits) and, for retries, what each bid id was
 *       answered: a retry is answered as its first command was, also when the retry's Redis record is gone and the
 *       auction has taken many bids since.</li>
 * </ul>
 */
@Aggregate(cache = AuctionCache.NAME)
public class Auction {

    static final String AUCTION_END = "auction-end";

    @AggregateIdentifier
    private String auctionId;
    private String listingId;
    private String sellerOrganisationId;
    private AuctionTerms terms;
    private String currency;
    private MinimumBid minimumBid;
    private BigDecimal reservePrice;
    private Instant startsAt;
    private Instant endsAt;
    private int softCloseMinutes;
    private boolean closed;
    private int bidCount;
    private BigDecimal currentPrice;
    private String leader;
    /** By bid id: what each accepted bid was answered, for its retries. */
    private final Map<String, PlacedBid> placedBids = new HashMap<>();
    private final Map<String, BigDecimal> limits = new HashMap<>();

    protected Auction() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    public Auction(ScheduleAuction command, DeadlineManager deadlines) {
        AuctionTerms terms = command.terms();
        if (terms == null || terms.dealType() == null) {
            throw RuleViolation.invalid("dealType", "An auction sells an ASSIGNMENT, EXCLUSIVE_LICENCE or NON_EXCLUSIVE_LICENCE");
        }
        if (terms.dealType() == DealType.OPTION) {
            // bids are prices alone; an option's licence terms are part of what is agreed, so options are negotiated
            throw RuleViolation.invalid("dealType", "An option is negotiated, not auctioned: its licence terms are part of the offer");
        }
        if (!command.availableDealTypes().contains(terms.dealType())) {
            throw RuleViolation.invalid("dealType", "Listing " + command.listingId() + " does not offer "
                    + terms.dealType() + "; it offers " + command.availableDealTypes());
        }
        if (terms.dealType() != DealType.ASSIGNMENT && (terms.termMonths() == null || terms.termMonths() < 1)) {
            throw RuleViolation.invalid("termMonths", "A licence runs at least one month");
        }
        checkCurrency(command.currency());
        positive("startingPrice", command.startingPrice());
        positive("minimumIncrement", command.minimumIncrement());
        if (command.reservePrice() != null && command.reservePrice().signum() < 0) {
            throw RuleViolation.invalid("reservePrice", "A reserve is not negative");
        }
        if (command.startsAt() == null || command.endsAt() == null || !command.endsAt().isAfter(command.startsAt())) {
            throw RuleViolation.invalid("endsAt", "An auction ends after it starts");
        }
        if (!command.endsAt().isAfter(command.at())) {
            throw RuleViolation.invalid("endsAt", "An auction ends in the future");
        }
        if (command.softCloseMinutes() < 0 || command.softCloseMinutes() > 60) {
            throw RuleViolation.invalid("softCloseMinutes", "A soft close is 0 to 60 minutes");
        }
        apply(new EnglishAuctionScheduled(command.auctionId(), command.listingId(), command.sellerOrganisationId(), terms,
                command.currency(), command.startingPrice(), command.reservePrice(), command.minimumIncrement(),
                command.startsAt(), command.endsAt(), command.softCloseMinutes()));
        // the market's version, without the reserve
        apply(new AuctionScheduled(command.auctionId(), command.listingId(), command.sellerOrganisationId(),
                AuctionFormat.ENGLISH, terms.dealType(), command.currency(), command.startsAt(), null, command.endsAt()));
        deadlines.schedule(command.endsAt(), AUCTION_END, new AuctionEndDue(command.endsAt()));
    }

    /**
     * @return the accepted bid; a retried bid (its id accepted before) gets its first answer, whatever was bid since,
     * and a bid id already accepted for another amount or currency is refused as a reused Idempotency-Key
     */
    @CommandHandler
    PlacedBid handle(PlaceBid command) {
        PlacedBid earlier = command.bidId() == null ? null : placedBids.get(command.bidId());
        if (earlier != null) {
            if (!earlier.answers(command)) {
                throw ReusedIdempotencyKey.violation();
            }
            return earlier;
        }
        if (sellerOrganisationId.equals(command.bidderOrganisationId())) {
            throw RuleViolation.unprocessable("own-listing", null, "A firm cannot bid on its own organisation's listing");
        }
        requireOpen(command.at());
        if (command.amount() == null) {
            throw RuleViolation.invalid("amount", "A bid has an amount");
        }
        if (command.currency() != null && !command.currency().equals(currency)) {
            throw RuleViolation.invalid("currency", "This auction is in " + currency);
        }
        BigDecimal minimum = minimumBid.after(currentPrice);
        if (command.amount().compareTo(minimum) < 0) {
            throw new BidTooLow(minimum, currency);
        }
        BigDecimal limit = limits.get(command.bidderOrganisationId());
        if (limit != null && command.amount().compareTo(limit) > 0) {
            throw RuleViolation.unprocessable("above-own-limit", "amount", "Your organisation limited its bids on this auction to "
                    + limit.toPlainString() + " " + currency);
        }
        PlacedBid placed = new PlacedBid(command.bidId(), bidCount + 1, command.amount(), currency, command.at());
        apply(new BidPlaced(auctionId, listingId, command.bidId(), command.bidderOrganisationId(), command.amount(), currency,
                placed.bidNumber(), command.at()));
        Instant extended = command.at().plus(Duration.ofMinutes(softCloseMinutes));
        if (softCloseMinutes > 0 && extended.isAfter(endsAt)) {
            apply(new AuctionExtended(auctionId, listingId, extended));
        }
        return placed;
    }

    @CommandHandler
    void handle(SetBidLimit command) {
        if (sellerOrganisationId.equals(command.bidderOrganisationId())) {
            throw RuleViolation.unprocessable("own-listing", null, "A firm cannot bid on its own organisation's listing");
        }
        if (closed) {
            throw RuleViolation.conflict("auction-closed", "Auction " + auctionId + " is closed");
        }
        positive("amount", command.limit());
        if (command.currency() != null && !command.currency().equals(currency)) {
            throw RuleViolation.invalid("currency", "This auction is in " + currency);
        }
        apply(new BidLimitSet(auctionId, command.bidderOrganisationId(), command.limit()));
    }

    /** Idempotent: a redelivered listing event asks again. */
    @CommandHandler
    void handle(CancelAuction command) {
        if (!closed) {
            apply(new AuctionClosedWithoutSale(auctionId, listingId, command.reason(), command.at()));
        }
    }

    @DeadlineHandler(deadlineName = AUCTION_END)
    void on(AuctionEndDue due, DeadlineManager deadlines) {
        if (closed) {
            return;
        }
        if (endsAt.isAfter(due.endsAt())) {
            // extended by a late bid since this deadline was set: wait for the new end
            deadlines.schedule(endsAt, AUCTION_END, new AuctionEndDue(endsAt));
            return;
        }
        if (leader != null && (reservePrice == null || currentPrice.compareTo(reservePrice) >= 0)) {
            apply(new AuctionWon(auctionId, leader, currentPrice, currency, endsAt));
            apply(new DealAgreed(auctionId, listingId, sellerOrganisationId, leader,
                    new DealTerms(terms.dealType(), terms.fieldOfUse(), terms.territory(), terms.termMonths(),
                            Price.lumpSum(currentPrice, currency)),
                    new DealSource(DealSource.Kind.ENGLISH_AUCTION, auctionId), endsAt));
        } else {
            apply(new AuctionClosedWithoutSale(auctionId, listingId, leader == null ? "no bids" : "the reserve was not met", endsAt));
        }
    }

    @EventSourcingHandler
    void on(EnglishAuctionScheduled event) {
        auctionId = event.auctionId();
        listingId = event.listingId();
        sellerOrganisationId = event.sellerOrganisationId();
        terms = event.terms();
        currency = event.currency();
        minimumBid = new MinimumBid(event.startingPrice(), event.minimumIncrement());
        reservePrice = event.reservePrice();
        startsAt = event.startsAt();
        endsAt = event.endsAt();
        softCloseMinutes = event.softCloseMinutes();
    }

    @EventSourcingHandler
    void on(BidPlaced event) {
        bidCount = event.bidNumber();
        currentPrice = event.amount();
        leader = event.bidderOrganisationId();
        if (event.bidId() != null) {
            placedBids.put(event.bidId(), new PlacedBid(event.bidId(), event.bidNumber(), event.amount(), event.currency(),
                    event.placedAt()));
        }
    }

    @EventSourcingHandler
    void on(AuctionExtended event) {
        endsAt = event.endsAt();
    }

    @EventSourcingHandler
    void on(BidLimitSet event) {
        limits.put(event.bidderOrganisationId(), event.limit());
    }

    @EventSourcingHandler
    void on(AuctionWon event) {
        closed = true;
    }

    @EventSourcingHandler
    void on(AuctionClosedWithoutSale event) {
        closed = true;
    }

    private void requireOpen(Instant at) {
        if (closed || !at.isBefore(endsAt)) {
            throw RuleViolation.conflict("auction-ended", "Auction " + auctionId + " ended at " + endsAt);
        }
        if (at.isBefore(startsAt)) {
            throw RuleViolation.conflict("auction-not-started", "Auction " + auctionId + " starts at " + startsAt);
        }
    }

    private static void checkCurrency(String currency) {
        try {
            Currency.getInstance(currency);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw RuleViolation.invalid("currency", "A currency is an ISO 4217 code such as VND");
        }
    }

    private static void positive(String field, BigDecimal amount) {
        if (amount == null || amount.signum() <= 0) {
            throw RuleViolation.invalid(field, "An amount is more than zero");
        }
    }
}
