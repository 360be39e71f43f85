package io.techex.listing.catalogue;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.techex.platform.actor.ActingCommandGateway;
import io.techex.platform.actor.Actor;
import io.techex.platform.web.CurrentActor;
import io.techex.platform.web.RequestIds;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.List;
import java.util.UUID;

/**
 * Drafting listings and the lists of them; the rest of their life is in {@link ListingLifecycleController}, a single
 * listing as its readers see it in {@code io.techex.listing.details}.
 */
@RestController
@RequestMapping("/listings")
@Tag(name = "Listings", description = "A technology on offer: drafted by its seller, read by whoever may see it")
class ListingController {

    private final ActingCommandGateway commands;
    private final ListingCatalogueProjection catalogue;

    ListingController(ActingCommandGateway commands, ListingCatalogueProjection catalogue) {
        this.commands = commands;
        this.catalogue = catalogue;
    }

    /**
     * Drafts a listing owned by the caller's organisation. With an Idempotency-Key the listing id is derived from
     * the organisation and the key, so even a retry that outlived its Redis record creates nothing twice: it finds
     * the listing in the event store (or the event store refuses a second stream for the same id) and is answered as
     * the first request was.
     */
    @Operation(summary = "Draft a listing", description = "The caller's organisation is the seller. Title, summary, "
            + "asset type and readiness are required; the rest may come in later revisions, and is checked before submission.")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED) // what the API document says; the answer itself is the ResponseEntity's 201
    ResponseEntity<ListingCreated> draft(@Valid @RequestBody DraftRequest request, @CurrentActor Actor actor,
                                         @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                         UriComponentsBuilder uris) {
        String listingId = RequestIds.idFor(actor, idempotencyKey, "listing");
        if (commands.createdEarlier(listingId, idempotencyKey)) {
            return drafted(listingId, uris);
        }
        try {
            commands.send(request.toDraft(listingId, actor.organisationId()), actor);
        } catch (AggregateStreamCreationException alreadyDrafted) {
            if (idempotencyKey == null) {
                throw alreadyDrafted;
            }
        }
        return drafted(listingId, uris);
    }

    /** What drafting answers, the first time and to its retries: it was a draft then. */
    private static ResponseEntity<ListingCreated> drafted(String listingId, UriComponentsBuilder uris) {
        return ResponseEntity.created(uris.path("/listings/{id}").buildAndExpand(listingId).toUri())
                .body(new ListingCreated(listingId, ListingStatus.DRAFT));
    }

    @Operation(summary = "Revise a draft", description = "Replaces the draft's content; a listing whose ownership "
            + "was rejected becomes a draft again.")
    @PutMapping("/{listingId}/draft")
    ListingCreated revise(@PathVariable UUID listingId, @Valid @RequestBody DraftRequest request, @CurrentActor Actor actor) {
        commands.send(request.toRevision(listingId.toString(), actor.organisationId()), actor);
        return new ListingCreated(listingId.toString(), ListingStatus.DRAFT);
    }

    /** The caller's organisation's own listings, drafts included, the most recently changed first. */
    @Operation(summary = "The caller's own listings", description = "Drafts included, the most recently changed first.")
    @GetMapping("/mine")
    List<ListingSummary> mine(@CurrentActor Actor actor, @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return catalogue.ofOrganisation(actor.organisationId(), limit);
    }

    /** The operator's queue: listings submitted for the ownership check, the longest waiting first. */
    @Operation(summary = "The ownership-check queue", description = "Listings submitted for the operator's check, the longest waiting first.")
    @GetMapping("/awaiting-verification")
    List<ListingSummary> awaitingVerification(@RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return catalogue.inStatus(ListingStatus.SUBMITTED, limit);
    }

    record ListingCreated(String listingId, ListingStatus status) {
    }
}
