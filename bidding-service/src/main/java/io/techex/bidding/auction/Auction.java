package io.techex.bidding.auction;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
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
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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
 *   <li>Proxy bids: a firm may name a maximum, secret to it ({@link BidMaximumSet} is never public). When another firm
 *       bids, the standing maximum answers at once, one increment above that firm's bid or maximum and never above
 *       its own; two maxima resolve to the lower plus one increment, capped at the higher; the earlier wins a tie,
 *       and the standing one is always the earlier (only the leader's maximum can stand). The leader's own maximum
 *       never bids against it. At the close, a leader whose maximum reaches the reserve buys at the reserve. A bid
 *       answered at once is public as {@code outbidAtOnce}, the answer as {@code automatic}.</li>
 *   <li>Scheduling records two events: {@link EnglishAuctionScheduled} with everything including the hidden reserve,
 *       kept in bidding-service, and the public {@link AuctionScheduled} without it, for the market and the trail.</li>
 *   <li>It keeps only the state the rules need (price, leader, limits, maxima), none that grows with its bids. What
 *       each bid id was answered is in {@link BidAnswers}, asked before a bid is judged: a retry is answered as its
 *       first command was, also when the retry's Redis record is gone and the auction has taken many bids since.</li>
 *   <li>Its snapshots ({@link AuctionStorage}) are its fields as JSON, written by the event serializer whatever their
 *       visibility. Changing a field's name, type or meaning changes the snapshot's shape: raise the
 *       {@link Revision}, and Axon's revision filter, which it configures for every aggregate from this annotation,
 *       ignores the snapshots of the earlier shape (the auction is loaded from its events and snapshotted anew)
 *       instead of reading them into the new one.</li>
 * </ul>
 */
@Aggregate(repository = AuctionStorage.REPOSITORY)
@Revision("2")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE,
        creatorVisibility = JsonAutoDetect.Visibility.NONE)
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
    private final Map<String, BigDecimal> limits = new HashMap<>();
    /** Each firm's latest maximum: only the leader's can still bid (a beaten one is at or below the price). */
    private final Map<String, BigDecimal> maximums = new HashMap<>();
    /** The answer to the latest request: a bid placed with a maximum completes the answer its maximum began. */
    private PlacedBid lastAnswer;

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
     * A bid, with or without a maximum (a proxy bid), and the standing maximum's answer to it, all at once: the bids
     * a proxy would make one increment at a time resolve to where they would end. Only the leader's maximum can stand
     * (a beaten one is spent: the price has reached it), so it is always the earlier of the two, and it wins a tie.
     *
     * @return the accepted bid; a retried bid (its id accepted before) gets its first answer, whatever was bid since,
     * and a bid id already accepted for another amount, maximum or currency is refused as a reused Idempotency-Key
     */
    @CommandHandler
    PlacedBid handle(PlaceBid command, BidAnswers answers) {
        if (command.bidId() == null) {
            return decide(command);
        }
        Optional<PlacedBid> earlier = answers.find(auctionId, command.bidId());
        if (earlier.isPresent()) {
            if (!earlier.get().answers(command)) {
                throw ReusedIdempotencyKey.violation();
            }
            return earlier.get();
        }
        PlacedBid answer = decide(command);
        answers.record(auctionId, answer);
        return answer;
    }

    private PlacedBid decide(PlaceBid command) {
        String bidder = command.bidderOrganisationId();
        if (sellerOrganisationId.equals(bidder)) {
            throw RuleViolation.unprocessable("own-listing", null, "A firm cannot bid on its own organisation's listing");
        }
        requireOpen(command.at());
        if (command.amount() == null && command.maximum() == null) {
            throw RuleViolation.invalid("amount", "A bid has an amount, a maximum or both");
        }
        if (command.currency() != null && !command.currency().equals(currency)) {
            throw RuleViolation.invalid("currency", "This auction is in " + currency);
        }
        BigDecimal minimum = minimumBid.after(currentPrice);
        if (bidder.equals(leader) && command.amount() == null) {
            return moveOwnMaximum(command);
        }
        BigDecimal amount = command.amount() != null ? command.amount() : minimum;
        if (amount.compareTo(minimum) < 0) {
            throw new BidTooLow(minimum, currency);
        }
        BigDecimal maximum = command.maximum();
        if (maximum != null && maximum.compareTo(amount) < 0) {
            throw command.amount() == null ? new BidTooLow("maximum", minimum, currency)
                    : RuleViolation.invalid("maximum", "A maximum is at least the bid's amount, " + amount.toPlainString()
                    + " " + currency);
        }
        requireWithinLimit(bidder, maximum != null ? maximum : amount, maximum != null ? "maximum" : "amount");
        if (maximum != null) {
            apply(new BidMaximumSet(auctionId, bidder, command.bidId(), command.amount(), maximum, command.at()));
        }
        String standing = leader;
        BigDecimal standingCeiling = standing == null || standing.equals(bidder) ? null : ceilingOf(standing);
        BigDecimal ceiling = maximum != null ? maximum : amount;
        if (standingCeiling != null && standingCeiling.compareTo(ceiling) >= 0) {
            // the standing maximum reaches as high: the bid is placed, and answered at once one increment above the
            // bidder's ceiling, or at the standing maximum when that is nearer (a tie goes to the standing, earlier one)
            apply(new BidPlaced(auctionId, listingId, command.bidId(), bidder, amount, currency, bidCount + 1, command.at(),
                    false, true));
            BigDecimal answer = ceiling.add(minimumBid.minimumIncrement()).min(standingCeiling);
            bid(proxyBidId(command.bidId()), standing, answer, command.at(), true);
        } else {
            // the bidder leads; against a standing maximum, its own maximum bids one increment above it (capped at its own)
            BigDecimal placed = standingCeiling == null ? amount
                    : amount.max(standingCeiling.add(minimumBid.minimumIncrement()).min(ceiling));
            bid(command.bidId(), bidder, placed, command.at(), false);
        }
        // the soft close counts every bid, the exchange's answers too: they are all placed at the command's time
        Instant extended = command.at().plus(Duration.ofMinutes(softCloseMinutes));
        if (softCloseMinutes > 0 && extended.isAfter(endsAt)) {
            apply(new AuctionExtended(auctionId, listingId, extended));
        }
        return lastAnswer;
    }

    /**
     * The leader raises or lowers its maximum without bidding: its own maximum never bids against it, so the price
     * stays. Lowering it below the current price is refused (that bid stands, binding).
     */
    private PlacedBid moveOwnMaximum(PlaceBid command) {
        BigDecimal maximum = command.maximum();
        if (maximum.compareTo(currentPrice) < 0) {
            throw new RuleViolation(RuleViolation.Kind.CONFLICT, "maximum-below-price", "maximum",
                    "Your organisation leads at " + currentPrice.toPlainString() + " " + currency
                            + "; a maximum cannot be below the current price");
        }
        requireWithinLimit(command.bidderOrganisationId(), maximum, "maximum");
        apply(new BidMaximumSet(auctionId, command.bidderOrganisationId(), command.bidId(), null, maximum, command.at()));
        return lastAnswer;
    }

    private void bid(String bidId, String bidder, BigDecimal amount, Instant at, boolean automatic) {
        apply(new BidPlaced(auctionId, listingId, bidId, bidder, amount, currency, bidCount + 1, at, automatic, false));
    }

    /**
     * The most a firm's bids may reach now: its maximum, or its bid when that is higher (a maximum spent). A limit the
     * firm set on itself after its maximum caps the maximum: the exchange never bids where the firm itself may not.
     */
    private BigDecimal ceilingOf(String organisationId) {
        BigDecimal maximum = maximums.get(organisationId);
        BigDecimal limit = limits.get(organisationId);
        if (maximum != null && limit != null) {
            maximum = maximum.min(limit);
        }
        return maximum == null || maximum.compareTo(currentPrice) < 0 ? currentPrice : maximum;
    }

    private void requireWithinLimit(String bidder, BigDecimal amount, String field) {
        BigDecimal limit = limits.get(bidder);
        if (limit != null && amount.compareTo(limit) > 0) {
            throw RuleViolation.unprocessable("above-own-limit", field, "Your organisation limited its bids on this auction to "
                    + limit.toPlainString() + " " + currency);
        }
    }

    /** The id of the exchange's answer to a bid: derived, so that the answer is the same whenever it is worked out. */
    private String proxyBidId(String bidId) {
        String cause = bidId != null ? bidId : auctionId + "|" + (bidCount + 1);
        return UUID.nameUUIDFromBytes((cause + "|proxy").getBytes(StandardCharsets.UTF_8)).toString();
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
        if (leader != null && reservePrice != null && currentPrice.compareTo(reservePrice) < 0
                && ceilingOf(leader).compareTo(reservePrice) >= 0) {
            // the leader's maximum reaches the hidden reserve: the exchange bids the reserve for it at the close, no
            // more (nobody bids against it), so neither secret is shown before the end
            bid(UUID.nameUUIDFromBytes((auctionId + "|reserve").getBytes(StandardCharsets.UTF_8)).toString(), leader,
                    reservePrice, endsAt, true);
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
    void on(BidMaximumSet event) {
        maximums.put(event.bidderOrganisationId(), event.maximum());
        // a leader that only moved its maximum is answered with its standing bid; a bid that follows replaces this
        lastAnswer = new PlacedBid(event.bidId(), bidCount, currentPrice, currency, event.at(), event.amount(),
                event.maximum(), true);
    }

    @EventSourcingHandler
    void on(BidPlaced event) {
        if (!event.automatic()) {
            PlacedBid withMaximum = lastAnswer != null && lastAnswer.bidId() != null
                    && lastAnswer.bidId().equals(event.bidId()) ? lastAnswer : null;
            lastAnswer = new PlacedBid(event.bidId(), event.bidNumber(), event.amount(), event.currency(),
                    event.placedAt(), withMaximum == null ? event.amount() : withMaximum.asked(),
                    withMaximum == null ? null : withMaximum.maximum(), !event.outbidAtOnce());
        }
        bidCount = event.bidNumber();
        currentPrice = event.amount();
        leader = event.bidderOrganisationId();
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
