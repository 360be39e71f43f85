package io.techex.bidding.negotiation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.techex.bidding.api.DealTerms;
import io.techex.bidding.api.Party;
import io.techex.bidding.listing.BiddableListing;
import io.techex.bidding.listing.BiddableListings;
import io.techex.platform.actor.ActingCommandGateway;
import io.techex.platform.actor.Actor;
import io.techex.platform.rules.RuleViolation;
import io.techex.platform.web.CurrentActor;
import io.techex.platform.web.RequestIds;
import jakarta.annotation.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Negotiations over HTTP. A firm opens one on a listing sold by negotiation; then the party whose turn it is counters,
 * accepts or rejects. A negotiation is visible to its two parties only; to anyone else it is a 404.
 */
@RestController
@RequestMapping("/negotiations")
@Tag(name = "Negotiations", description = "A firm's offer on a listing sold by negotiation, and the rounds of counter-offers until one side accepts or rejects")
class NegotiationController {

    private final ActingCommandGateway commands;
    private final BiddableListings listings;
    private final NegotiationViews negotiations;
    private final Clock clock;

    NegotiationController(ActingCommandGateway commands, BiddableListings listings, NegotiationViews negotiations,
                          Clock clock) {
        this.commands = commands;
        this.listings = listings;
        this.negotiations = negotiations;
        this.clock = clock;
    }

    /**
     * With an Idempotency-Key the negotiation id is derived from the organisation and the key, so a retry that outlived
     * its Redis record opens nothing twice: the event store refuses a second stream for the same id. Such a retry is
     * answered as the first request, even if the listing has stopped taking offers since.
     */
    @Operation(summary = "Make an offer on a listing (firm)", description = "Opens a negotiation with the listing's seller; "
            + "the offer stands until validUntil.")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    ResponseEntity<NegotiationRef> open(@Valid @RequestBody OpenRequest request, @CurrentActor Actor actor,
                                        @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                        UriComponentsBuilder uris) {
        String negotiationId = RequestIds.idFor(actor, idempotencyKey, "negotiation");
        if (commands.createdEarlier(negotiationId, idempotencyKey)) {
            return opened(negotiationId, uris);
        }
        BiddableListing listing = listings.requireOpen(request.listingId().toString(), "NEGOTIATION");
        try {
            commands.send(new MakeOffer(negotiationId, listing.listingId(), listing.sellerOrganisationId(),
                    listing.availableDealTypes(), actor.organisationId(), request.terms(), request.validUntil(),
                    clock.instant()), actor);
        } catch (AggregateStreamCreationException alreadyOpened) {
            if (idempotencyKey == null) {
                throw alreadyOpened;
            }
        }
        return opened(negotiationId, uris);
    }

    /** What opening a negotiation answers, the first time and to its retries: it was open then. */
    private static ResponseEntity<NegotiationRef> opened(String negotiationId, UriComponentsBuilder uris) {
        return ResponseEntity.created(uris.path("/negotiations/{id}").buildAndExpand(negotiationId).toUri())
                .body(new NegotiationRef(negotiationId, NegotiationStatus.OPEN));
    }

    @Operation(summary = "Counter the offer on the table (the party whose turn it is)")
    @PostMapping("/{negotiationId}/counter-offers")
    NegotiationRef counter(@PathVariable UUID negotiationId, @Valid @RequestBody CounterRequest request,
                           @CurrentActor Actor actor) {
        requireStillBiddable(negotiationId);
        commands.send(new CounterOffer(negotiationId.toString(), actor.organisationId(), request.terms(),
                request.validUntil(), clock.instant()), actor);
        return new NegotiationRef(negotiationId.toString(), NegotiationStatus.OPEN);
    }

    @Operation(summary = "Accept the offer on the table (the party whose turn it is)", description = "The deal is agreed; "
            + "an exclusive one closes the negotiations on the listing that conflict with it.")
    @PostMapping("/{negotiationId}/acceptance")
    NegotiationRef accept(@PathVariable UUID negotiationId, @CurrentActor Actor actor) {
        requireStillBiddable(negotiationId);
        commands.send(new AcceptOffer(negotiationId.toString(), actor.organisationId(), clock.instant()), actor);
        return new NegotiationRef(negotiationId.toString(), NegotiationStatus.AGREED);
    }

    @Operation(summary = "Reject the offer on the table, with an optional reason (the party whose turn it is)")
    @PostMapping("/{negotiationId}/rejection")
    NegotiationRef reject(@PathVariable UUID negotiationId, @RequestBody(required = false) RejectRequest request,
                          @CurrentActor Actor actor) {
        commands.send(new RejectOffer(negotiationId.toString(), actor.organisationId(),
                request == null ? null : request.reason(), clock.instant()), actor);
        return new NegotiationRef(negotiationId.toString(), NegotiationStatus.REJECTED);
    }

    /** The view may lag the last command by a few milliseconds. */
    @Operation(summary = "A negotiation, with every round's offer", description = """
            The offer on the table and the whole term sheet's history, round by round (rounds), as its two parties see \
            it; yourSide and yourTurn say whether the caller may counter, accept or reject now (the offer is open, has \
            not expired and is the other party's). 404 to anyone but the two parties.""")
    @GetMapping("/{negotiationId}")
    NegotiationView get(@PathVariable UUID negotiationId, @CurrentActor Actor actor) {
        return negotiations.find(negotiationId.toString(), actor.organisationId())
                .map(row -> NegotiationView.of(row, actor.organisationId(), clock.instant(),
                        negotiations.rounds(row.negotiationId())))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No negotiation " + negotiationId));
    }

    /** A firm's own negotiations; a seller's, the negotiations on its listings. Newest first. */
    @Operation(summary = "The caller's negotiations, newest first", description = """
            A firm's own negotiations; a seller's, those on its listings; 200 at most. Each as GET \
            /negotiations/{negotiationId} answers it, without its rounds.""")
    @GetMapping
    List<NegotiationView> mine(@CurrentActor Actor actor) {
        Instant now = clock.instant();
        return negotiations.ofParty(actor.organisationId()).stream()
                .map(row -> NegotiationView.of(row, actor.organisationId(), now, null)).toList();
    }

    /** An answer on a listing that stopped taking deals would start a deal nobody can sign. */
    private void requireStillBiddable(UUID negotiationId) {
        negotiations.listingOf(negotiationId.toString()).ifPresent(listingId -> listings.find(listingId)
                .filter(listing -> listing.state() == BiddableListing.State.CLOSED)
                .ifPresent(closed -> {
                    throw RuleViolation.conflict("listing-not-biddable",
                            "Listing " + listingId + " takes no new deals: " + closed.closedReason());
                }));
    }

    record OpenRequest(@NotNull UUID listingId, @NotNull @Valid DealTerms terms, @NotNull Instant validUntil) {
    }

    record CounterRequest(@NotNull @Valid DealTerms terms, @NotNull Instant validUntil) {
    }

    record RejectRequest(String reason) {
    }

    record NegotiationRef(String negotiationId, NegotiationStatus status) {
    }

    /**
     * @param offerBy  who made the offer on the table; the other party answers it
     * @param yourSide the caller's side
     * @param yourTurn whether the caller may answer the offer on the table now
     * @param endedBy  who accepted or rejected; null while open, and when it expired or the exchange closed it
     * @param rounds   every round's offer, the first first; only in the answer about one negotiation
     */
    record NegotiationView(String negotiationId, String listingId, String sellerOrganisationId,
                           String buyerOrganisationId, NegotiationStatus status, int round, Party offerBy,
                           DealTerms terms, Instant validUntil, @Nullable String closedReason, Party yourSide,
                           boolean yourTurn, @Nullable Party endedBy, @Nullable Instant endedAt,
                           @JsonInclude(JsonInclude.Include.NON_NULL) List<NegotiationRow.Round> rounds) {

        static NegotiationView of(NegotiationRow row, String organisationId, Instant now, List<NegotiationRow.Round> rounds) {
            Party side = row.sideOf(organisationId);
            return new NegotiationView(row.negotiationId(), row.listingId(), row.sellerOrganisationId(),
                    row.buyerOrganisationId(), row.status(), row.round(), row.offerBy(), row.terms(), row.validUntil(),
                    row.closedReason(), side, row.awaitsAnswerFrom(side, now), row.endedBy(), row.endedAt(), rounds);
        }
    }
}
