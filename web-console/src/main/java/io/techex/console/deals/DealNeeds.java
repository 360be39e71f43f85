package io.techex.console.deals;

import io.techex.console.security.SignedIn;
import io.techex.console.services.Bidding;
import io.techex.console.services.BiddingModel.Auction;
import io.techex.console.services.BiddingModel.Negotiation;
import io.techex.console.services.BiddingModel.SealedBidAuction;
import io.techex.console.services.ContractModel.Contract;
import io.techex.console.services.Contracts;
import io.techex.console.services.ServiceProblem;
import io.techex.console.services.ServiceUnavailable;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;

/**
 * What of a firm's or a university's deals needs it now, as the services say: offers whose answer is its turn,
 * auctions it leads or was outbid in, sealed bids to reveal before their deadline, contracts to sign and amendments
 * the other party proposed. {@code /my/deals} lists them first; the person's first page counts them.
 */
@Component
public class DealNeeds {

    private final Bidding bidding;
    private final Contracts contracts;

    DealNeeds(Bidding bidding, Contracts contracts) {
        this.bidding = bidding;
        this.contracts = contracts;
    }

    /** The reader's deals, open ones first, and what of them needs the reader. */
    public record Deals(List<Negotiation> negotiations, List<Auction> auctions, List<SealedBidAuction> sealedBidAuctions,
                        List<Contract> contracts, List<Negotiation> yourTurn, List<Auction> leading, List<Auction> outbid,
                        List<SealedBidAuction> toReveal, List<Contract> toSign, List<Contract> toAnswer) {

        public boolean nothingNeedsYou() {
            return yourTurn.isEmpty() && outbid.isEmpty() && leading.isEmpty() && toReveal.isEmpty() && toSign.isEmpty()
                    && toAnswer.isEmpty();
        }
    }

    public Deals of(SignedIn me) {
        List<Negotiation> negotiations = bidding.negotiations().stream()
                .sorted(Comparator.comparing((Negotiation n) -> !n.yourTurn()).thenComparing(n -> !n.isOpen())).toList();
        List<Auction> auctions = bidding.auctions().stream()
                .sorted(Comparator.comparing(Auction::isClosed).thenComparing(Auction::endsAt)).toList();
        List<SealedBidAuction> sealed = bidding.sealedBidAuctions().stream()
                .sorted(Comparator.comparing(SealedBidAuction::isClosed).thenComparing(SealedBidAuction::endsAt)).toList();
        List<Contract> mine = contracts.contracts();
        return new Deals(negotiations, auctions, sealed, mine,
                negotiations.stream().filter(Negotiation::yourTurn).toList(),
                auctions.stream().filter(a -> !a.isClosed() && a.yourBid() != null && a.youLead()).toList(),
                auctions.stream().filter(a -> !a.isClosed() && a.isOutbid()).toList(),
                sealed.stream().filter(a -> "REVEALING".equals(a.phase()) && a.yourBid() != null && !a.yourBid().revealed()).toList(),
                mine.stream().filter(c -> c.isDrafting() && !c.signedBy(me.organisation())).toList(),
                mine.stream().filter(c -> c.isDrafting() && c.pendingAmendment() != null
                        && !c.pendingAmendment().proposedBy().equals(me.organisation())).toList());
    }

    /** For a first page: the deals that need the reader, or null when the services cannot say right now. */
    public Deals orNull(SignedIn me) {
        try {
            return of(me);
        } catch (ServiceProblem | ServiceUnavailable notNow) {
            return null;
        }
    }
}
