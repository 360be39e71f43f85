package io.techex.console.deals;

import io.techex.console.security.SignedIn;
import io.techex.console.services.Bidding;
import io.techex.console.services.BiddingModel.Auction;
import io.techex.console.services.BiddingModel.Negotiation;
import io.techex.console.services.BiddingModel.SealedBidAuction;
import io.techex.console.services.ContractModel.Contract;
import io.techex.console.services.Contracts;
import io.techex.console.services.Listings;
import io.techex.console.services.Model.Listing;
import io.techex.console.services.ServiceProblem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code /my/deals}: a firm's or a university's negotiations and auctions, what needs the reader now first: offers
 * awaiting its answer, auctions it leads or was outbid in, sealed bids to reveal before their deadline, contracts to
 * sign and amendments to answer. Whose turn it is, who leads and what is due are the services' answers.
 */
@Controller
class MyDealsController {

    private final Bidding bidding;
    private final Contracts contracts;
    private final Listings listings;

    MyDealsController(Bidding bidding, Contracts contracts, Listings listings) {
        this.bidding = bidding;
        this.contracts = contracts;
        this.listings = listings;
    }

    @GetMapping("/my/deals")
    String deals(Model model) {
        SignedIn me = SignedIn.current().orElseThrow();
        List<Negotiation> negotiations = bidding.negotiations().stream()
                .sorted(Comparator.comparing((Negotiation n) -> !n.yourTurn()).thenComparing(n -> !n.isOpen())).toList();
        List<Auction> auctions = bidding.auctions().stream()
                .sorted(Comparator.comparing(Auction::isClosed).thenComparing(Auction::endsAt)).toList();
        List<SealedBidAuction> sealed = bidding.sealedBidAuctions().stream()
                .sorted(Comparator.comparing(SealedBidAuction::isClosed).thenComparing(SealedBidAuction::endsAt)).toList();
        List<Contract> mine = contracts.contracts();

        model.addAttribute("yourTurn", negotiations.stream().filter(Negotiation::yourTurn).toList());
        model.addAttribute("leading", auctions.stream().filter(a -> !a.isClosed() && a.yourBid() != null && a.youLead()).toList());
        model.addAttribute("outbid", auctions.stream().filter(a -> !a.isClosed() && a.isOutbid()).toList());
        model.addAttribute("toReveal", sealed.stream().filter(a -> "REVEALING".equals(a.phase()) && a.yourBid() != null
                && !a.yourBid().revealed()).toList());
        model.addAttribute("toSign", mine.stream().filter(c -> c.isDrafting() && !c.signedBy(me.organisation())).toList());
        model.addAttribute("toAnswer", mine.stream().filter(c -> c.isDrafting() && c.pendingAmendment() != null
                && !c.pendingAmendment().proposedBy().equals(me.organisation())).toList());
        model.addAttribute("negotiations", negotiations);
        model.addAttribute("auctions", auctions);
        model.addAttribute("sealedBidAuctions", sealed);
        model.addAttribute("listingsById", titles(Stream.of(negotiations.stream().map(Negotiation::listingId),
                auctions.stream().map(Auction::listingId), sealed.stream().map(SealedBidAuction::listingId))
                .flatMap(s -> s).distinct().toList()));
        return "my-deals";
    }

    /** The listings' titles; one no longer readable (under contract elsewhere, say) is shown by its id. */
    private Map<String, Listing> titles(List<String> listingIds) {
        Map<String, Listing> titles = new LinkedHashMap<>();
        for (String listingId : listingIds) {
            try {
                titles.put(listingId, listings.listing(listingId));
            } catch (ServiceProblem notReadable) {
                // shown by its id
            }
        }
        return titles;
    }
}
