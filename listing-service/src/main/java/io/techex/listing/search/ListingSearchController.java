package io.techex.listing.search;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.techex.listing.api.AssetType;
import io.techex.listing.api.DealType;
import io.techex.listing.catalogue.ListingStatus;
import io.techex.platform.actor.Actor;
import io.techex.platform.rules.RuleViolation;
import io.techex.platform.web.CurrentActor;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.Set;

/**
 * Finding technologies: {@code GET /listings?q=dieu tri nuoc thai&assetType=PATENT&trlMin=5&sort=RELEVANCE}. Text
 * matches Vietnamese and English with or without diacritics; every filter is optional; pages follow
 * {@code nextCursor}. Without {@code status}, what is on the market. A status before publication, or WITHDRAWN, finds
 * the listings its caller may see in it: every one for the operator and regulators, its own for a seller.
 */
@RestController
@Tag(name = "Search", description = "Finding technologies in Vietnamese or English, with or without diacritics")
class ListingSearchController {

    private final ListingSearch search;

    ListingSearchController(ListingSearch search) {
        this.search = search;
    }

    @Operation(summary = "Search listings", description = "Every filter is optional; pages follow nextCursor. "
            + "Without status, the listings on the market. Statuses before publication, and WITHDRAWN, find every "
            + "such listing for the operator and regulators, and the caller's own for anyone else.")
    @GetMapping("/listings")
    SearchPage find(@CurrentActor Actor actor,
                    @RequestParam(name = "q", required = false) String text,
                    @RequestParam(name = "assetType", required = false) Set<AssetType> assetTypes,
                    @RequestParam(name = "ipc", required = false) String ipcPrefix,
                    @RequestParam(name = "trlMin", required = false) @Min(1) @Max(9) Integer minReadiness,
                    @RequestParam(name = "trlMax", required = false) @Min(1) @Max(9) Integer maxReadiness,
                    @RequestParam(required = false) DealType dealType,
                    @RequestParam(required = false) BigDecimal priceMin,
                    @RequestParam(required = false) BigDecimal priceMax,
                    @RequestParam(required = false) String currency,
                    @Parameter(description = "Statuses to find; without it, those on the market (PUBLISHED, "
                            + "UNDER_NEGOTIATION, UNDER_AUCTION, LICENSED). A status before publication, or WITHDRAWN, "
                            + "finds every such listing for the operator and regulators and the caller's own for anyone else")
                    @RequestParam(name = "status", required = false) Set<ListingStatus> statuses,
                    @RequestParam(required = false) SearchQuery.Sort sort,
                    @RequestParam(defaultValue = "20") @Min(1) @Max(ListingSearch.MAX_LIMIT) int limit,
                    @RequestParam(required = false) String cursor) {
        SearchQuery.PriceRange price = priceMin == null && priceMax == null && currency == null
                ? null : new SearchQuery.PriceRange(priceMin, priceMax, currency);
        // a status not on the market finds what the caller may see in it: anything for the operator and regulators,
        // its own listings for anyone else (as GET /listings/{id} would show them)
        return search.search(new SearchQuery(text, assetTypes, ipcPrefix, minReadiness, maxReadiness, dealType, price,
                statuses, null, mayLookBeyondTheMarket(actor) ? null : actor.organisationId(), sort, limit, cursor));
    }

    private static boolean mayLookBeyondTheMarket(Actor actor) {
        return actor.role() == Actor.Role.OPERATOR || actor.role() == Actor.Role.REGULATOR;
    }
}
