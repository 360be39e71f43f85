package io.techex.listing.proposal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.techex.listing.api.DealType;
import io.techex.listing.api.ProposalKind;
import io.techex.listing.catalogue.ListingCatalogueProjection;
import io.techex.listing.catalogue.ListingVisibility;
import io.techex.listing.need.NeedRow;
import io.techex.listing.need.NeedStatus;
import io.techex.listing.need.NeedViews;
import io.techex.listing.need.NeedVisibility;
import io.techex.platform.actor.ActingCommandGateway;
import io.techex.platform.actor.Actor;
import io.techex.platform.rules.RuleViolation;
import io.techex.platform.web.CurrentActor;
import io.techex.platform.web.RequestIds;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Proposals over HTTP: universities answer published needs and follow their answers; the need's owner shortlists,
 * declines, or asks to negotiate on a proposed listing. Roles are {@code ListingAccessRules}' business; who is a party
 * is decided here and in {@link Proposal}, and a non-party gets 404.
 */
@RestController
@Tag(name = "Proposals", description = "Universities' answers to needs: a listing of theirs, or an R&D offer")
class ProposalController {

    private final ActingCommandGateway commands;
    private final Proposals proposals;
    private final NeedViews needs;
    private final ListingCatalogueProjection catalogue;
    private final Clock clock;

    ProposalController(ActingCommandGateway commands, Proposals proposals, NeedViews needs,
                       ListingCatalogueProjection catalogue, Clock clock) {
        this.commands = commands;
        this.proposals = proposals;
        this.needs = needs;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /**
     * A university drafts an answer to a published need. A listing is proposed once per need (its proposal's id is
     * derived from both, so a second is a 409); an R&D offer with an Idempotency-Key gets an id derived from the
     * organisation and the key, so a retry that outlived its Redis record drafts nothing twice.
     */
    @Operation(summary = "A university drafts a proposal to a published need: one of its listings, or an R&D offer")
    @PostMapping("/needs/{needId}/proposals")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<ProposalChange> draft(@PathVariable UUID needId, @Valid @RequestBody ProposalRequest request,
                                         @CurrentActor Actor actor,
                                         @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                         UriComponentsBuilder uris) {
        String proposalId;
        if (request.kind() == ProposalKind.LISTING) {
            if (request.listingId() == null) {
                throw RuleViolation.invalid("listingId", "A proposal of a listing names the listing");
            }
            proposalId = Proposal.idOfListing(needId.toString(), request.listingId().toString());
        } else {
            proposalId = RequestIds.idFor(actor, idempotencyKey, "proposal", needId.toString());
            if (commands.createdEarlier(proposalId, idempotencyKey)) {
                return drafted(proposalId, uris);
            }
        }
        NeedRow need = openNeed(needId, actor);
        if (request.kind() == ProposalKind.LISTING) {
            catalogue.find(request.listingId().toString())
                    .filter(listing -> listing.status().isPublic() && ListingVisibility.isSellerOrOwner(listing, actor))
                    .orElseThrow(() -> RuleViolation.invalid("listingId", "Listing " + request.listingId()
                            + " is not a listing of yours on the market"));
        }
        try {
            commands.send(request.toDraft(proposalId, need.needId(), need.ownerOrganisationId(), actor.organisationId()), actor);
        } catch (AggregateStreamCreationException exists) {
            if (request.kind() == ProposalKind.LISTING) {
                throw RuleViolation.conflict("listing-already-proposed", "Your organisation proposed listing "
                        + request.listingId() + " to this need already");
            }
            if (idempotencyKey == null) {
                throw exists;
            }
        }
        return drafted(proposalId, uris);
    }

    private static ResponseEntity<ProposalChange> drafted(String proposalId, UriComponentsBuilder uris) {
        return ResponseEntity.created(uris.path("/proposals/{proposalId}").buildAndExpand(proposalId).toUri())
                .body(new ProposalChange(proposalId, ProposalStatus.DRAFT));
    }

    /** The need must still take proposals when the draft is put before its owner. */
    @Operation(summary = "The university puts its draft, with its attachments, before the need's owner")
    @PostMapping("/proposals/{proposalId}/submission")
    ProposalChange submit(@PathVariable UUID proposalId, @CurrentActor Actor actor) {
        ProposalRow proposal = proposals.find(proposalId.toString())
                .filter(row -> ProposalVisibility.isProposer(row, actor))
                .orElseThrow(() -> noProposal(proposalId));
        openNeed(UUID.fromString(proposal.needId()), actor);
        commands.send(new SubmitProposal(proposalId.toString(), actor.organisationId(), clock.instant()), actor);
        return new ProposalChange(proposalId.toString(), ProposalStatus.SUBMITTED);
    }

    @Operation(summary = "The university takes back its submitted proposal")
    @PostMapping("/proposals/{proposalId}/withdrawal")
    ProposalChange withdraw(@PathVariable UUID proposalId, @Valid @RequestBody(required = false) OptionalReason withdrawal,
                            @CurrentActor Actor actor) {
        commands.send(new WithdrawProposal(proposalId.toString(), actor.organisationId(),
                withdrawal == null ? null : withdrawal.reason()), actor);
        return new ProposalChange(proposalId.toString(), ProposalStatus.WITHDRAWN);
    }

    @Operation(summary = "The need's owner shortlists a proposal")
    @PostMapping("/proposals/{proposalId}/shortlist")
    ProposalChange shortlist(@PathVariable UUID proposalId, @CurrentActor Actor actor) {
        commands.send(new ShortlistProposal(proposalId.toString(), actor.organisationId()), actor);
        return new ProposalChange(proposalId.toString(), ProposalStatus.SHORTLISTED);
    }

    @Operation(summary = "The need's owner declines a proposal, saying why")
    @PostMapping("/proposals/{proposalId}/decline")
    ProposalChange decline(@PathVariable UUID proposalId, @Valid @RequestBody Reason decline, @CurrentActor Actor actor) {
        commands.send(new DeclineProposal(proposalId.toString(), actor.organisationId(), decline.reason()), actor);
        return new ProposalChange(proposalId.toString(), ProposalStatus.DECLINED);
    }

    /**
     * The need's owner asks to negotiate on the proposed listing. The negotiation is bidding-service's, opened by the
     * firm's first offer there like any other; the answer says where to make it and what the need asked for.
     */
    @Operation(summary = "The need's owner asks to negotiate on the listing a proposal names; the answer says how to make the offer in bidding-service")
    @PostMapping("/proposals/{proposalId}/negotiation")
    NegotiationNext negotiate(@PathVariable UUID proposalId, @CurrentActor Actor actor) {
        String listingId = commands.send(new RequestNegotiation(proposalId.toString(), actor.organisationId(),
                clock.instant()), actor);
        NeedRow need = proposals.find(proposalId.toString()).flatMap(row -> needs.find(row.needId())).orElse(null);
        return new NegotiationNext(proposalId.toString(), ProposalStatus.NEGOTIATION_REQUESTED,
                new NegotiationNext.MakeOffer("bidding-service", "POST", "/negotiations", listingId,
                        need == null ? List.of() : need.dealTypes(), need == null ? null : need.territory()));
    }

    /** The read model may lag a command by a few milliseconds. */
    @Operation(summary = "A proposal its caller may see: the parties, the operator and regulators")
    @GetMapping("/proposals/{proposalId}")
    ProposalView get(@PathVariable UUID proposalId, @CurrentActor Actor actor) {
        ProposalRow proposal = proposals.find(proposalId.toString())
                .filter(row -> ProposalVisibility.canSee(row, actor))
                .orElseThrow(() -> noProposal(proposalId));
        return ProposalView.of(proposal, needs.find(proposal.needId()).orElse(null), actor);
    }

    @Operation(summary = "The proposals the caller's organisation made, and those submitted to its needs, newest first")
    @GetMapping("/proposals")
    List<ProposalView> mine(@RequestParam(required = false) UUID needId, @CurrentActor Actor actor) {
        Map<String, NeedRow> needsSeen = new HashMap<>();
        return proposals.partyTo(actor.organisationId(), needId == null ? null : needId.toString()).stream()
                .map(row -> ProposalView.of(row, needsSeen.computeIfAbsent(row.needId(), id -> needs.find(id).orElse(null)), actor))
                .toList();
    }

    /**
     * A need's proposals: all submitted ones for its owner, the operator and regulators (drafts too for the latter two),
     * a university's own for a university; another firm gets 404, as the need's answers are its owner's business.
     */
    @Operation(summary = "The proposals to a need: its owner's, the operator's and regulators' view, or a university's own")
    @GetMapping("/needs/{needId}/proposals")
    List<ProposalView> ofNeed(@PathVariable UUID needId, @CurrentActor Actor actor) {
        NeedRow need = needs.find(needId.toString())
                .filter(row -> NeedVisibility.canSee(row, actor))
                .filter(row -> actor.role() != Actor.Role.FIRM || NeedVisibility.isOwner(row, actor))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No need " + needId));
        return proposals.ofNeed(need.needId()).stream()
                .filter(row -> ProposalVisibility.canSee(row, actor))
                .map(row -> ProposalView.of(row, need, actor)).toList();
    }

    /** The need, if the caller may see it and it takes proposals now: published, its deadline ahead. */
    private NeedRow openNeed(UUID needId, Actor actor) {
        NeedRow need = needs.find(needId.toString())
                .filter(row -> NeedVisibility.canSee(row, actor))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No need " + needId));
        if (need.status() != NeedStatus.PUBLISHED || !need.deadline().isAfter(clock.instant())) {
            throw RuleViolation.conflict("need-not-open", "Need " + needId + " is " + need.status()
                    + (need.status() == NeedStatus.PUBLISHED ? ", its deadline passed" : "") + "; it takes no proposals");
        }
        return need;
    }

    private static ResponseStatusException noProposal(UUID proposalId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No proposal " + proposalId);
    }

    record Reason(@NotBlank @Size(max = Proposal.MAX_REASON) String reason) {
    }

    record OptionalReason(@Size(max = Proposal.MAX_REASON) String reason) {
    }

    /** The status the proposal moved to; the read model behind {@code GET /proposals/{id}} follows within milliseconds. */
    record ProposalChange(String proposalId, ProposalStatus status) {
    }

    /**
     * What the firm does next: make its first offer on the listing in bidding-service.
     *
     * @param makeOffer the request to send: {@code POST /negotiations} on bidding-service with this listing, and the deal
     *                  types and territory the need asked for as a start for the offer's terms
     */
    record NegotiationNext(String proposalId, ProposalStatus status, MakeOffer makeOffer) {

        record MakeOffer(String service, String method, String path, String listingId, List<DealType> dealTypes,
                         String territory) {
        }
    }
}
