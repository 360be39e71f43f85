package io.techex.console.regulator;

import io.techex.console.regulator.Regulation.TrailEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an event of the trail concerns, as links to the console's pages: the listing, the auction (English or
 * sealed-bid), the contract. Negotiations are their parties' alone (bidding-service shows them to no regulator), so a
 * negotiation is named without a link.
 *
 * @param key  the message naming what it is ({@code regulator.link.contract})
 * @param href null where the regulator has no page to open
 */
public record TimelineLinks(String key, String id, String href) {

    static List<TimelineLinks> of(TrailEntry entry) {
        List<TimelineLinks> links = new ArrayList<>();
        String listing = entry.text("listingId");
        if (listing != null) {
            links.add(new TimelineLinks("regulator.link.listing", listing, "/technologies/" + listing));
        }
        String auction = entry.text("auctionId");
        if (auction != null) {
            boolean sealed = entry.name().startsWith("SealedBid");
            links.add(new TimelineLinks(sealed ? "regulator.link.sealedBidAuction" : "regulator.link.auction", auction,
                    (sealed ? "/sealed-bid-auctions/" : "/auctions/") + auction));
        }
        String negotiation = entry.text("negotiationId");
        if (negotiation != null) {
            links.add(new TimelineLinks("regulator.link.negotiation", negotiation, null));
        }
        if (entry.data() != null && entry.data().get("source") instanceof Map<?, ?> source && source.get("id") != null
                && auction == null && negotiation == null) {
            String id = source.get("id").toString();
            links.add(switch (String.valueOf(source.get("kind"))) {
                case "ENGLISH_AUCTION" -> new TimelineLinks("regulator.link.auction", id, "/auctions/" + id);
                case "SEALED_BID_AUCTION" -> new TimelineLinks("regulator.link.sealedBidAuction", id, "/sealed-bid-auctions/" + id);
                default -> new TimelineLinks("regulator.link.negotiation", id, null);
            });
        }
        String contract = entry.text("contractId");
        if (contract != null) {
            links.add(new TimelineLinks("regulator.link.contract", contract, "/regulator/contracts/" + contract));
        }
        return links;
    }
}
