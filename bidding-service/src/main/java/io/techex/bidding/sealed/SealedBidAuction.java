package io.techex.bidding.sealed;

import io.techex.bidding.api.AuctionFormat;
import io.techex.bidding.api.AuctionScheduled;
import io.techex.bidding.api.DealAgreed;
import io.techex.bidding.api.DealSource;
import io.techex.bidding.api.DealTerms;
import io.techex.bidding.api.DealType;
import io.techex.bidding.api.Price;
import io.techex.bidding.api.AuctionClosedWithoutSale;
import io.techex.bidding.api.SealedBidCommitted;
import io.techex.bidding.api.SealedBidRevealed;
import io.techex.bidding.api.SealedBidVoided;
import io.techex.bidding.auction.AuctionTerms;
import io.techex.platform.rules.ReusedIdempotencyKey;
import io.techex.platform.rules.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A sealed-bid (first-price) auction of one deal on one listing. Bids are committed as a hash of amount and secret
 * ({@link SealedBidCommitment}) until {@code bidsDueAt}, then revealed until {@code endsAt}; the exchange holds no
 * amount before a reveal, so nobody (seller and operator included) can see one.
 *
 * <p>Decisions it embodies:
 * <ul>
 *   <li>One commitment per organisation, binding: a second is refused (a retry with the same bid id gets the first
 *       answer). A firm may not bid on its own organisation's listing.</li>
 *   <li>Time is the command's, to the second: commitments from {@code startsAt} until before {@code bidsDueAt};
 *       reveals from {@code bidsDueAt} until before {@code endsAt}. A reveal before the bid deadline is refused, so no
 *       amount is known while others may still commit.</li>
 *   <li>A reveal that does not hash to the commitment is refused and changes nothing (the firm may try again until the
 *       reveal deadline; the hash binds it to one amount). A bid with no matching reveal by {@code endsAt} is void.</li>
 *   <li>At {@code endsAt} (a persisted deadline) the highest revealed amount at or above the hidden reserve wins and
 *       pays what it bid; equal amounts go to the earlier commitment (lower {@code commitNumber}).</li>
 * </ul>
 */
@Aggregate
public class SealedBidAuction {

    static final String AUCTION_END = "sealed-bid-auction-end";

    @AggregateIdentifier
    private String auctionId;
    private String listingId;
    private String sellerOrganisationId;
    private AuctionTerms terms;
    private String currency;
    private BigDecimal reservePrice;
    private Instant startsAt;
    private Instant bidsDueAt;
    private Instant endsAt;
    private boolean closed;
    private int commitCount;
    /** By bidder organisation, in commit order. */
    private final Map<String, Bid> bids = new LinkedHashMap<>();

    private record Bid(String bidId, String commitment, int commitNumber, BigDecimal revealedAmount, String secret) {

        Bid revealed(BigDecimal amount, String revealedSecret) {
            return new Bid(bidId, commitment, commitNumber, amount, revealedSecret);
        }
    }

    protected SealedBidAuction() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    public SealedBidAuction(ScheduleSealedBidAuction command, DeadlineManager deadlines) {
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
        try {
            Currency.getInstance(command.currency());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw RuleViolation.invalid("currency", "A currency is an ISO 4217 code such as VND");
        }
        if (command.reservePrice() != null && command.reservePrice().signum() < 0) {
            throw RuleViolation.invalid("reservePrice", "A reserve is not negative");
        }
        if (command.startsAt() == null || command.bidsDueAt() == null || !command.bidsDueAt().isAfter(command.startsAt())) {
            throw RuleViolation.invalid("bidsDueAt", "Bids are due after the auction starts");
        }
        if (command.endsAt() == null || !command.endsAt().isAfter(command.bidsDueAt())) {
            throw RuleViolation.invalid("endsAt", "The reveal phase ends after bids are due");
        }
        if (!command.bidsDueAt().isAfter(command.at())) {
            throw RuleViolation.invalid("bidsDueAt", "Bids are due in the future");
        }
        apply(new SealedBidAuctionScheduled(command.auctionId(), command.listingId(), command.sellerOrganisationId(),
                terms, command.currency(), command.reservePrice(), command.startsAt(), command.bidsDueAt(),
                command.endsAt()));
        // the market's version, without the reserve
        apply(new AuctionScheduled(command.auctionId(), command.listingId(), command.sellerOrganisationId(),
                AuctionFormat.SEALED_BID, terms.dealType(), command.currency(), command.startsAt(),
                command.bidsDueAt(), command.endsAt()));
        deadlines.schedule(command.endsAt(), AUCTION_END, new SealedBidAuctionEndDue());
    }

    /**
     * @return the commitment's number among the auction's commitments; a retry (its bid id committed before) gets its
     * first answer's, and a bid id already committed with another hash is refused as a reused Idempotency-Key
     */
    @CommandHandler
    int handle(CommitSealedBid command) {
        Bid existing = bids.get(command.bidderOrganisationId());
        if (existing != null && existing.bidId().equals(command.bidId())) {
            if (!existing.commitment().equals(command.commitment())) {
                throw ReusedIdempotencyKey.violation();
            }
            return existing.commitNumber();
        }
        if (sellerOrganisationId.equals(command.bidderOrganisationId())) {
            throw RuleViolation.unprocessable("own-listing", null, "A firm cannot bid on its own organisation's listing");
        }
        if (closed || !command.at().isBefore(bidsDueAt)) {
            throw RuleViolation.conflict("bids-closed", "Bids on auction " + auctionId + " were due by " + bidsDueAt);
        }
        if (command.at().isBefore(startsAt)) {
            throw RuleViolation.conflict("auction-not-started", "Auction " + auctionId + " starts at " + startsAt);
        }
        if (existing != null) {
            throw RuleViolation.conflict("already-committed", "Your organisation committed its bid on auction "
                    + auctionId + "; a commitment is binding");
        }
        if (!SealedBidCommitment.isWellFormed(command.commitment())) {
            throw RuleViolation.invalid("commitment", "A commitment is the lowercase hex SHA-256 (64 characters) of "
                    + "auctionId|bidderOrganisationId|amount|currency|secret");
        }
        apply(new SealedBidCommitted(auctionId, listingId, command.bidId(), command.bidderOrganisationId(),
                command.commitment(), commitCount + 1, command.at()));
        return commitCount;
    }

    @CommandHandler
    void handle(RevealSealedBid command) {
        Bid bid = bids.get(command.bidderOrganisationId());
        if (bid == null) {
            throw RuleViolation.unprocessable("no-commitment", null, "Your organisation committed no bid on auction " + auctionId);
        }
        if (closed || !command.at().isBefore(endsAt)) {
            throw RuleViolation.conflict("reveals-closed", "Bids on auction " + auctionId + " had to be revealed by " + endsAt);
        }
        if (command.at().isBefore(bidsDueAt)) {
            throw RuleViolation.conflict("reveal-not-open", "Bids on auction " + auctionId + " are revealed from "
                    + bidsDueAt + ", once nobody can commit any more");
        }
        if (command.amount() == null || command.amount().signum() <= 0) {
            throw RuleViolation.invalid("amount", "An amount is more than zero");
        }
        if (command.secret() == null || command.secret().isEmpty()) {
            throw RuleViolation.invalid("secret", "A reveal names the secret the commitment was made with");
        }
        String revealedCurrency = command.currency() == null ? currency : command.currency();
        boolean matches = SealedBidCommitment.of(auctionId, command.bidderOrganisationId(), command.amount(),
                revealedCurrency, command.secret()).equals(bid.commitment());
        if (bid.revealedAmount() != null) {
            if (matches) {
                return; // the same reveal again: already counted
            }
            throw RuleViolation.conflict("already-revealed", "Your organisation's bid on auction " + auctionId + " is revealed");
        }
        if (!matches) {
            throw RuleViolation.unprocessable("commitment-mismatch", "amount",
                    "Amount, currency and secret do not hash to your commitment " + bid.commitment());
        }
        if (!revealedCurrency.equals(currency)) {
            throw RuleViolation.unprocessable("currency-mismatch", "currency", "This auction is in " + currency
                    + "; a bid in " + revealedCurrency + " is void");
        }
        apply(new SealedBidRevealed(auctionId, listingId, command.bidderOrganisationId(),
                new BigDecimal(SealedBidCommitment.canonicalAmount(command.amount())), currency, command.secret(), bid.commitNumber(),
                command.at()));
    }

    /** Idempotent: a redelivered listing event asks again. */
    @CommandHandler
    void handle(CancelSealedBidAuction command) {
        if (!closed) {
            apply(new AuctionClosedWithoutSale(auctionId, listingId, command.reason(), command.at()));
        }
    }

    @DeadlineHandler(deadlineName = AUCTION_END)
    void on(SealedBidAuctionEndDue due) {
        if (closed) {
            return;
        }
        bids.forEach((bidder, bid) -> {
            if (bid.revealedAmount() == null) {
                apply(new SealedBidVoided(auctionId, listingId, bidder, "not revealed by " + endsAt, endsAt));
            }
        });
        var winner = bids.entrySet().stream()
                .filter(entry -> entry.getValue().revealedAmount() != null)
                .filter(entry -> reservePrice == null || entry.getValue().revealedAmount().compareTo(reservePrice) >= 0)
                .max(Comparator.<Map.Entry<String, Bid>, BigDecimal>comparing(entry -> entry.getValue().revealedAmount())
                        .thenComparing(entry -> -entry.getValue().commitNumber()));
        if (winner.isPresent()) {
            String buyer = winner.get().getKey();
            BigDecimal amount = winner.get().getValue().revealedAmount();
            apply(new SealedBidAuctionWon(auctionId, buyer, amount, currency, endsAt));
            apply(new DealAgreed(auctionId, listingId, sellerOrganisationId, buyer,
                    new DealTerms(terms.dealType(), terms.fieldOfUse(), terms.territory(), terms.termMonths(),
                            Price.lumpSum(amount, currency)),
                    new DealSource(DealSource.Kind.SEALED_BID_AUCTION, auctionId), endsAt));
        } else {
            boolean anyRevealed = bids.values().stream().anyMatch(bid -> bid.revealedAmount() != null);
            apply(new AuctionClosedWithoutSale(auctionId, listingId,
                    anyRevealed ? "the reserve was not met" : "no valid bid", endsAt));
        }
    }

    @EventSourcingHandler
    void on(SealedBidAuctionScheduled event) {
        auctionId = event.auctionId();
        listingId = event.listingId();
        sellerOrganisationId = event.sellerOrganisationId();
        terms = event.terms();
        currency = event.currency();
        reservePrice = event.reservePrice();
        startsAt = event.startsAt();
        bidsDueAt = event.bidsDueAt();
        endsAt = event.endsAt();
    }

    @EventSourcingHandler
    void on(SealedBidCommitted event) {
        commitCount = event.commitNumber();
        bids.put(event.bidderOrganisationId(), new Bid(event.bidId(), event.commitment(), event.commitNumber(), null, null));
    }

    @EventSourcingHandler
    void on(SealedBidRevealed event) {
        bids.computeIfPresent(event.bidderOrganisationId(), (bidder, bid) -> bid.revealed(event.amount(), event.secret()));
    }

    @EventSourcingHandler
    void on(SealedBidAuctionWon event) {
        closed = true;
    }

    @EventSourcingHandler
    void on(AuctionClosedWithoutSale event) {
        closed = true;
    }
}
