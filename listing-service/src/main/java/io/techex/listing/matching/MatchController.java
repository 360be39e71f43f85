package io.techex.listing.matching;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.techex.listing.api.LocalizedText;
import io.techex.listing.api.MatchReason;
import io.techex.listing.catalogue.ListingCatalogueProjection;
import io.techex.listing.catalogue.ListingVisibility;
import io.techex.listing.need.NeedViews;
import io.techex.listing.need.NeedVisibility;
import io.techex.platform.actor.Actor;
import io.techex.platform.web.CurrentActor;
import jakarta.annotation.Nullable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The best matches of a need (for its owner) and of a listing (for its seller), each with its score and the reasons
 * for it; the operator and regulators read both. Anyone else gets 404. The scores follow every change of a listing or a
 * need within moments, as the matching projection handles its event.
 */
@RestController
@Tag(name = "Matching", description = "Listings scored against needs, with the reasons for each score")
class MatchController {

    private final Matches matches;
    private final NeedViews needs;
    private final ListingCatalogueProjection catalogue;

    MatchController(Matches matches, NeedViews needs, ListingCatalogueProjection catalogue) {
        this.matches = matches;
        this.needs = needs;
        this.catalogue = catalogue;
    }

    @Operation(summary = "The listings on the market that match a need best, best first, with the reasons for each score")
    @GetMapping("/needs/{needId}/matches")
    NeedMatches ofNeed(@PathVariable UUID needId, @RequestParam(defaultValue = "10") @Min(1) @Max(Matches.MAX_LIMIT) int limit,
                       @CurrentActor Actor actor) {
        needs.find(needId.toString())
                .filter(need -> NeedVisibility.isInsider(need, actor))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No need " + needId));
        return new NeedMatches(needId.toString(), matches.ofNeed(needId.toString(), limit));
    }

    @Operation(summary = "The open needs a listing matches best, best first, with the reasons; a need's owner only if public")
    @GetMapping("/listings/{listingId}/matches")
    ListingMatches ofListing(@PathVariable UUID listingId,
                             @RequestParam(defaultValue = "10") @Min(1) @Max(Matches.MAX_LIMIT) int limit,
                             @CurrentActor Actor actor) {
        catalogue.find(listingId.toString())
                .filter(listing -> ListingVisibility.isSellerOrOwner(listing, actor) || NeedVisibility.mayReadEverything(actor))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No listing " + listingId));
        boolean insider = NeedVisibility.mayReadEverything(actor);
        return new ListingMatches(listingId.toString(), matches.ofListing(listingId.toString(), limit).stream()
                .map(match -> new ListingMatches.MatchedNeed(match.needId(),
                        insider || match.ownerNamePublic() ? match.ownerOrganisationId() : null, match.title(),
                        match.deadline(), match.score(), match.reasons(), match.scoredAt()))
                .toList());
    }

    /** @param matches best first; scores 0 to 1, each the sum of its reasons' score × weight */
    record NeedMatches(String needId, List<Matches.ListingMatch> matches) {
    }

    record ListingMatches(String listingId, List<MatchedNeed> matches) {

        /** @param ownerOrganisationId null unless the need's owner made its name public */
        record MatchedNeed(String needId, @Nullable String ownerOrganisationId, LocalizedText title, Instant deadline, double score,
                    List<MatchReason> reasons, Instant scoredAt) {
        }
    }
}
