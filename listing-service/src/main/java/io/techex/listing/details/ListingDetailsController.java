package io.techex.listing.details;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.techex.listing.catalogue.ListingCatalogueProjection;
import io.techex.listing.catalogue.ListingContentProjection;
import io.techex.listing.catalogue.ListingSummary;
import io.techex.listing.catalogue.ListingVisibility;
import io.techex.listing.document.ReadableDocuments;
import io.techex.platform.actor.Actor;
import io.techex.platform.web.CurrentActor;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.UUID;

/** A single listing, for whoever may see it ({@link ListingVisibility}); anyone else is told it does not exist. */
@RestController
@Tag(name = "Listings")
class ListingDetailsController {

    private final ListingCatalogueProjection catalogue;
    private final ListingContentProjection contents;
    private final ReadableDocuments documents;

    ListingDetailsController(ListingCatalogueProjection catalogue, ListingContentProjection contents, ReadableDocuments documents) {
        this.catalogue = catalogue;
        this.contents = contents;
        this.documents = documents;
    }

    /** The catalogue may lag a command by a few milliseconds, the document list a little more. */
    @Operation(summary = "Read a listing", description = "Everything the caller may see of it: what the seller wrote "
            + "(titles, summary, IP titles, IPC classes, keywords, readiness, deals, price, regulatory category), how it "
            + "is sold, where it stands, and the metadata of the documents the caller may read (confidential ones only "
            + "for the seller, the operator and firms whose NDA the seller accepted). Before publication and after a "
            + "withdrawal only its seller, the operator and regulators see it; anyone else gets 404. The operator's "
            + "rejection reason and the co-owners' consents are for the seller, the operator and regulators.")
    @GetMapping("/listings/{listingId}")
    ListingDetails get(@PathVariable UUID listingId, @CurrentActor Actor actor) {
        return catalogue.find(listingId.toString())
                .filter(listing -> ListingVisibility.canSee(listing, actor))
                .map(listing -> ListingDetails.of(listing, contents.find(listing.listingId()).orElse(null),
                        documents.of(listing, actor), showsPrivateParts(listing, actor)))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No listing " + listingId));
    }

    private static boolean showsPrivateParts(ListingSummary listing, Actor actor) {
        return ListingVisibility.isSellerOrOwner(listing, actor)
                || actor.role() == Actor.Role.OPERATOR || actor.role() == Actor.Role.REGULATOR;
    }
}
