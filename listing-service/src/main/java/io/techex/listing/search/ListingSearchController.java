package io.techex.listing.search;

import io.techex.listing.api.AssetType;
import io.techex.listing.api.DealType;
import io.techex.listing.catalogue.ListingStatus;
import io.techex.platform.actor.Actor;
import io.techex.platform.rules.RuleViolation;
import io.techex.platform.web.CurrentActor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.Set;

/**
 * Finding technologies: {@code GET /listings?q=dieu tri nuoc thai&assetType=PATENT&trlMin=5&sort=RELEVANCE}. Text
 * matches Vietnamese and English with or without diacritics; every filter is optional; pages follow
 * {@code nextCursor}. Buyers and sellers search what is on the market; the operator and regulators may also ask for
 * listings not (or no longer) on it, which {@code status} then names.
 */
@RestController
class ListingSearchController {

    private final ListingSearch search;

    ListingSearchController(ListingSearch search) {
        this.search = search;
    }

    @GetMapping("/listings")
    SearchPage find(@CurrentActor Actor actor,
                    @RequestParam(name = "q", required = false) String text,
                    @RequestParam(name = "assetType", required = false) Set<AssetType> assetTypes,
                    @RequestParam(name = "ipc", required = false) String ipcPrefix,
                    @RequestParam(name = "trlMin", required = false) Integer minReadiness,
                    @RequestParam(name = "trlMax", required = false) Integer maxReadiness,
                    @RequestParam(required = false) DealType dealType,
                    @RequestParam(required = false) BigDecimal priceMin,
                    @RequestParam(required = false) BigDecimal priceMax,
                    @RequestParam(required = false) String currency,
                    @RequestParam(name = "status", required = false) Set<ListingStatus> statuses,
                    @RequestParam(required = false) SearchQuery.Sort sort,
                    @RequestParam(defaultValue = "20") int limit,
                    @RequestParam(required = false) String cursor) {
        if (statuses != null && !mayLookBeyondTheMarket(actor)) {
            statuses.stream().filter(status -> !status.isPublic()).findFirst().ifPresent(hidden -> {
                throw RuleViolation.invalid("status", "Listings " + hidden + " are not on the market; search the public statuses");
            });
        }
        SearchQuery.PriceRange price = priceMin == null && priceMax == null && currency == null
                ? null : new SearchQuery.PriceRange(priceMin, priceMax, currency);
        return search.search(new SearchQuery(text, assetTypes, ipcPrefix, minReadiness, maxReadiness, dealType, price,
                statuses, null, sort, limit, cursor));
    }

    private static boolean mayLookBeyondTheMarket(Actor actor) {
        return actor.role() == Actor.Role.OPERATOR || actor.role() == Actor.Role.REGULATOR;
    }
}
