package io.techex.console.deals;

import io.techex.console.security.SignedIn;
import io.techex.console.services.BiddingModel.Auction;
import io.techex.console.services.BiddingModel.Negotiation;
import io.techex.console.services.BiddingModel.SealedBidAuction;
import io.techex.console.services.Listings;
import io.techex.console.services.Model.Listing;
import io.techex.console.services.ServiceProblem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

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

    private final DealNeeds needs;
    private final Listings listings;

    MyDealsController(DealNeeds needs, Listings listings) {
        this.needs = needs;
        this.listings = listings;
    }

    @GetMapping("/my/deals")
    String deals(Model model) {
        DealNeeds.Deals deals = needs.of(SignedIn.current().orElseThrow());
        model.addAttribute("deals", deals);
        model.addAttribute("listingsById", titles(Stream.of(deals.negotiations().stream().map(Negotiation::listingId),
                deals.auctions().stream().map(Auction::listingId),
                deals.sealedBidAuctions().stream().map(SealedBidAuction::listingId))
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
