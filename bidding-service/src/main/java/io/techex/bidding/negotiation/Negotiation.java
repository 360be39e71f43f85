package io.techex.bidding.negotiation;

import io.techex.bidding.api.DealAgreed;
import io.techex.bidding.api.DealSource;
import io.techex.bidding.api.DealTerms;
import io.techex.bidding.api.NegotiationEnded;
import io.techex.bidding.api.NegotiationOpened;
import io.techex.bidding.api.OfferCountered;
import io.techex.bidding.api.OfferMade;
import io.techex.bidding.api.Party;
import io.techex.platform.rules.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One firm's negotiation with a seller over one listing: offers and counter-offers, one per round, until a party
 * accepts or rejects the offer on the table, it expires, or the exchange closes the negotiation.
 *
 * <p>Decisions it embodies:
 * <ul>
 *   <li>Only the party that did not make the offer on the table may answer it (accept, reject or counter); the other
 *       waits. To any organisation but the two parties the negotiation does not exist (404).</li>
 *   <li>An offer is dead from its deadline on, to the second, whether or not the expiry deadline has fired yet: an
 *       answer stamped at or after {@code validUntil} is refused. The deadline makes the expiry an event, also when it
 *       passed while the service was down (the deadline is persisted).</li>
 *   <li>A counter-offer replaces the offer on the table; the old round's deadline, when it fires, finds a later round
 *       and does nothing.</li>
 *   <li>Each ending without a deal (rejected, expired, closed) is recorded twice over: the internal event the
 *       parties' view needs (with a rejection's reason), and one public {@link NegotiationEnded} for the market, which
 *       needs one kind of event and no private detail. An ending with a deal is {@link DealAgreed}.</li>
 * </ul>
 */
@Aggregate
public class Negotiation {

    static final String OFFER_EXPIRY = "offer-expiry";

    @AggregateIdentifier
    private String negotiationId;
    private String listingId;
    private String sellerOrganisationId;
    private String buyerOrganisationId;
    private NegotiationStatus status;
    private int round;
    private Party offerBy;
    private DealTerms terms;
    private Instant validUntil;

    protected Negotiation() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    public Negotiation(MakeOffer command, DeadlineManager deadlines) {
        if (command.buyerOrganisationId().equals(command.sellerOrganisationId())) {
            throw RuleViolation.unprocessable("own-listing", null,
                    "A firm cannot make an offer on its own organisation's listing");
        }
        OfferRules.check(command.terms(), command.validUntil(), command.at());
        if (!command.availableDealTypes().contains(command.terms().dealType())) {
            throw RuleViolation.invalid("terms.dealType", "Listing " + command.listingId() + " does not offer "
                    + command.terms().dealType() + "; it offers " + command.availableDealTypes());
        }
        apply(new OfferMade(command.negotiationId(), command.listingId(), command.sellerOrganisationId(),
                command.buyerOrganisationId(), 1, command.terms(), command.validUntil(), command.at()));
        // the market's version of the same fact: that a negotiation exists, without the buyer or its terms
        apply(new NegotiationOpened(command.negotiationId(), command.listingId(), command.sellerOrganisationId(),
                command.at()));
        deadlines.schedule(command.validUntil(), OFFER_EXPIRY, new OfferExpiryDue(1));
    }

    @CommandHandler
    void handle(CounterOffer command, DeadlineManager deadlines) {
        Party by = answeringParty(command.organisationId(), command.at());
        OfferRules.check(command.terms(), command.validUntil(), command.at());
        if (command.terms().dealType() != terms.dealType() && by == Party.SELLER) {
            // the firm chose the kind of deal it wants; the seller negotiates its terms, not what it is
            throw RuleViolation.invalid("terms.dealType", "The seller counters on the terms of the " + terms.dealType()
                    + " the firm asked for, not another kind of deal");
        }
        int next = round + 1;
        apply(new OfferCountered(negotiationId, listingId, next, by, command.terms(), command.validUntil(), command.at()));
        deadlines.schedule(command.validUntil(), OFFER_EXPIRY, new OfferExpiryDue(next));
    }

    @CommandHandler
    void handle(AcceptOffer command) {
        Party by = answeringParty(command.organisationId(), command.at());
        apply(new OfferAccepted(negotiationId, round, by, command.at()));
        apply(new DealAgreed(negotiationId, listingId, sellerOrganisationId, buyerOrganisationId, terms,
                new DealSource(DealSource.Kind.NEGOTIATION, negotiationId), command.at()));
    }

    @CommandHandler
    void handle(RejectOffer command) {
        Party by = answeringParty(command.organisationId(), command.at());
        String reason = command.reason() == null || command.reason().isBlank() ? null : command.reason().strip();
        apply(new OfferRejected(negotiationId, round, by, reason, command.at()));
        apply(new NegotiationEnded(negotiationId, listingId, NegotiationEnded.Outcome.REJECTED, command.at()));
    }

    /** Idempotent: the exchange may ask more than once (a redelivered listing event, a replayed deal). */
    @CommandHandler
    void handle(CloseNegotiation command) {
        if (status == NegotiationStatus.OPEN) {
            apply(new NegotiationClosed(negotiationId, command.reason()));
            apply(new NegotiationEnded(negotiationId, listingId, NegotiationEnded.Outcome.CLOSED, command.at()));
        }
    }

    @DeadlineHandler(deadlineName = OFFER_EXPIRY)
    void on(OfferExpiryDue due) {
        if (status == NegotiationStatus.OPEN && due.round() == round) {
            apply(new OfferExpired(negotiationId, round, validUntil));
            apply(new NegotiationEnded(negotiationId, listingId, NegotiationEnded.Outcome.EXPIRED, validUntil));
        }
    }

    @EventSourcingHandler
    void on(OfferMade event) {
        negotiationId = event.negotiationId();
        listingId = event.listingId();
        sellerOrganisationId = event.sellerOrganisationId();
        buyerOrganisationId = event.buyerOrganisationId();
        status = NegotiationStatus.OPEN;
        round = event.round();
        offerBy = Party.BUYER;
        terms = event.terms();
        validUntil = event.validUntil();
    }

    @EventSourcingHandler
    void on(OfferCountered event) {
        round = event.round();
        offerBy = event.by();
        terms = event.terms();
        validUntil = event.validUntil();
    }

    @EventSourcingHandler
    void on(OfferAccepted event) {
        status = NegotiationStatus.AGREED;
    }

    @EventSourcingHandler
    void on(OfferRejected event) {
        status = NegotiationStatus.REJECTED;
    }

    @EventSourcingHandler
    void on(OfferExpired event) {
        status = NegotiationStatus.EXPIRED;
    }

    @EventSourcingHandler
    void on(NegotiationClosed event) {
        status = NegotiationStatus.CLOSED;
    }

    /** The party {@code organisationId} is, if it may answer the offer on the table at {@code at}. */
    private Party answeringParty(String organisationId, Instant at) {
        Party party;
        if (buyerOrganisationId.equals(organisationId)) {
            party = Party.BUYER;
        } else if (sellerOrganisationId.equals(organisationId)) {
            party = Party.SELLER;
        } else {
            // another organisation's negotiation does not exist for it: 404, so its existence does not leak
            throw new AggregateNotFoundException(negotiationId, "No negotiation " + negotiationId);
        }
        if (status != NegotiationStatus.OPEN) {
            throw RuleViolation.conflict("negotiation-over", "Negotiation " + negotiationId + " is " + status
                    + "; nothing is left to answer");
        }
        if (!at.isBefore(validUntil)) {
            throw RuleViolation.conflict("offer-expired", "The offer of round " + round + " expired at " + validUntil);
        }
        if (party == offerBy) {
            throw RuleViolation.conflict("not-your-turn", "The offer of round " + round
                    + " is yours; the other party answers it");
        }
        return party;
    }
}
