package io.techex.console.deals;

import io.techex.console.security.SignedIn;
import io.techex.console.services.Bidding;
import io.techex.console.services.BiddingModel.Auction;
import io.techex.console.services.BiddingModel.Negotiation;
import io.techex.console.services.BiddingModel.SealedBidAuction;
import io.techex.console.services.Model.Listing;
import io.techex.console.services.ServiceProblem;
import io.techex.console.services.ServiceUnavailable;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a listing's page shows of its deals to a signed-in reader: its auctions (English and sealed-bid) when it is sold
 * by auction, and a firm's own negotiations on it. A listing's page stays readable when bidding-service is not: the
 * deals are then left out.
 */
@Component
public class ListingDeals {

    private final Bidding bidding;

    ListingDeals(Bidding bidding) {
        this.bidding = bidding;
    }

    public Map<String, Object> of(Listing listing, Optional<SignedIn> reader) {
        Map<String, Object> model = new HashMap<>();
        if (reader.isEmpty()) {
            return model;
        }
        try {
            if ("AUCTION".equals(listing.saleMode())) {
                List<Auction> auctions = bidding.auctionsOn(listing.listingId());
                List<SealedBidAuction> sealed = bidding.sealedBidAuctionsOn(listing.listingId());
                model.put("listingAuctions", auctions);
                model.put("listingSealedBidAuctions", sealed);
            }
            if (reader.get().isFirm()) {
                List<Negotiation> mine = bidding.negotiations().stream()
                        .filter(negotiation -> negotiation.listingId().equals(listing.listingId())).toList();
                model.put("myNegotiations", mine);
            }
        } catch (ServiceProblem | ServiceUnavailable notNow) {
            model.put("dealsUnavailable", true);
        }
        return model;
    }
}
