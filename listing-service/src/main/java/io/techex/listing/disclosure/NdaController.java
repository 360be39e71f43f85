package io.techex.listing.disclosure;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.techex.listing.catalogue.ListingCatalogueProjection;
import io.techex.platform.actor.ActingCommandGateway;
import io.techex.platform.actor.Actor;
import io.techex.platform.web.CurrentActor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.List;
import java.util.UUID;

/**
 * The NDA flow over HTTP: a firm asks for a listing's confidential part, the seller accepts or declines, both parties
 * follow their requests. Roles are {@code ListingAccessRules}' business; who is a party is decided here and in
 * {@link Nda}, and a non-party gets 404.
 */
@RestController
@Tag(name = "NDAs", description = "A firm asks for a listing's confidential part under a non-disclosure agreement; the seller accepts or declines")
class NdaController {

    private final ActingCommandGateway commands;
    private final ListingCatalogueProjection catalogue;
    private final Disclosures disclosures;

    NdaController(ActingCommandGateway commands, ListingCatalogueProjection catalogue, Disclosures disclosures) {
        this.commands = commands;
        this.catalogue = catalogue;
        this.disclosures = disclosures;
    }

    /**
     * A firm asks for an NDA on a listing it can see (one on the market). The seller is taken from the catalogue, so
     * the request goes to whoever offers the listing now. A second request while one is pending is a 409, which also
     * makes a retry harmless.
     */
    @Operation(summary = "Ask for an NDA on a listing (firm)")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/listings/{listingId}/nda-requests")
    ResponseEntity<NdaAnswer> request(@PathVariable UUID listingId, @RequestBody(required = false) NdaRequestBody body,
                                      @CurrentActor Actor actor, UriComponentsBuilder uris) {
        var listing = catalogue.find(listingId.toString())
                .filter(summary -> summary.status().isPublic())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No listing " + listingId));
        String ndaId = Nda.idOf(listing.listingId(), actor.organisationId());
        commands.send(new RequestNda(ndaId, listing.listingId(), listing.sellerOrganisationId(), actor.organisationId(),
                body == null ? null : body.message()), actor);
        return ResponseEntity.created(uris.path("/nda-requests/{ndaId}").buildAndExpand(ndaId).toUri())
                .body(new NdaAnswer(ndaId, NdaStatus.REQUESTED));
    }

    /** The NDAs the caller's organisation is party to: a firm's own requests, a seller's requests on its listings. */
    @Operation(summary = "The NDAs the caller's organisation is party to")
    @GetMapping("/nda-requests")
    List<NdaView> list(@RequestParam(required = false) UUID listingId, @CurrentActor Actor actor) {
        return disclosures.partyTo(actor.organisationId(), listingId == null ? null : listingId.toString());
    }

    @Operation(summary = "Read an NDA request")
    @GetMapping("/nda-requests/{ndaId}")
    NdaView get(@PathVariable UUID ndaId, @CurrentActor Actor actor) {
        return disclosures.find(ndaId.toString(), actor.organisationId())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No NDA request " + ndaId));
    }

    @Operation(summary = "Accept an NDA request (seller)")
    @PostMapping("/nda-requests/{ndaId}/accept")
    NdaAnswer accept(@PathVariable UUID ndaId, @CurrentActor Actor actor) {
        commands.send(new AcceptNda(ndaId.toString(), actor.organisationId()), actor);
        return new NdaAnswer(ndaId.toString(), NdaStatus.ACCEPTED);
    }

    @Operation(summary = "Decline an NDA request, with the reason (seller)")
    @PostMapping("/nda-requests/{ndaId}/decline")
    NdaAnswer decline(@PathVariable UUID ndaId, @RequestBody DeclineBody body, @CurrentActor Actor actor) {
        commands.send(new DeclineNda(ndaId.toString(), actor.organisationId(), body.reason()), actor);
        return new NdaAnswer(ndaId.toString(), NdaStatus.DECLINED);
    }

    /** @param message optional, at most 2000 characters: what the firm wants to evaluate (the aggregate checks it) */
    record NdaRequestBody(String message) {
    }

    /** @param reason required, at most 2000 characters (the aggregate checks it) */
    record DeclineBody(String reason) {
    }

    /** What the command decided; the read model behind {@code GET /nda-requests/{ndaId}} follows within milliseconds. */
    record NdaAnswer(String ndaId, NdaStatus status) {
    }
}
