package io.techex.listing.enquiry;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.techex.listing.catalogue.ListingCatalogueProjection;
import io.techex.platform.actor.ActingCommandGateway;
import io.techex.platform.actor.Actor;
import io.techex.platform.rules.RuleViolation;
import io.techex.platform.web.CurrentActor;
import io.techex.platform.web.RequestIds;
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

import java.util.List;
import java.util.UUID;

/**
 * Enquiries over HTTP: firms ask about listings on the market, the parties read them, sellers answer. Roles are
 * {@code ListingAccessRules}' business; who is a party is decided here and in {@link Enquiry}, and a non-party gets 404.
 */
@RestController
@Tag(name = "Enquiries", description = "Firms ask about a listing or register their interest; sellers answer")
class EnquiryController {

    private final ActingCommandGateway commands;
    private final ListingCatalogueProjection catalogue;
    private final Enquiries enquiries;

    EnquiryController(ActingCommandGateway commands, ListingCatalogueProjection catalogue, Enquiries enquiries) {
        this.commands = commands;
        this.catalogue = catalogue;
        this.enquiries = enquiries;
    }

    /**
     * A firm enquires about a listing it can see (one on the market). A question with an Idempotency-Key gets an id
     * derived from the organisation and the key, as drafts do, so a retry that outlived its Redis record asks nothing
     * twice and is answered as the first request was, even if the listing has left the market since; an expression of
     * interest has one id per firm and listing, so registering it again is a 409.
     */
    @Operation(summary = "Ask a question or register interest (firm)")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/listings/{listingId}/enquiries")
    ResponseEntity<EnquiryAnswer> enquire(@PathVariable UUID listingId, @RequestBody EnquiryBody body,
                                          @CurrentActor Actor actor,
                                          @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                          UriComponentsBuilder uris) {
        String enquiryId;
        if (body.kind() == EnquiryKind.INTEREST) {
            enquiryId = Enquiry.interestIdOf(listingId.toString(), actor.organisationId());
        } else {
            enquiryId = RequestIds.idFor(actor, idempotencyKey, "enquiry", listingId.toString());
            if (commands.createdEarlier(enquiryId, idempotencyKey)) {
                return asked(enquiryId, body.kind(), uris);
            }
        }
        var listing = catalogue.find(listingId.toString())
                .filter(summary -> summary.status().isPublic())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No listing " + listingId));
        try {
            commands.send(new MakeEnquiry(enquiryId, listing.listingId(), listing.sellerOrganisationId(),
                    actor.organisationId(), body.kind(), body.message()), actor);
        } catch (AggregateStreamCreationException exists) {
            if (body.kind() == EnquiryKind.INTEREST) {
                throw RuleViolation.conflict("interest-already-registered", "Your organisation already registered its interest in listing " + listingId);
            }
            if (idempotencyKey == null) {
                throw exists;
            }
            // a retry of a question already asked: answer as the first time
        }
        return asked(enquiryId, body.kind(), uris);
    }

    private static ResponseEntity<EnquiryAnswer> asked(String enquiryId, EnquiryKind kind, UriComponentsBuilder uris) {
        return ResponseEntity.created(uris.path("/enquiries/{enquiryId}").buildAndExpand(enquiryId).toUri())
                .body(new EnquiryAnswer(enquiryId, kind));
    }

    /** The enquiries the caller's organisation is party to: a firm's own, a seller's on its listings. */
    @Operation(summary = "The enquiries the caller's organisation is party to")
    @GetMapping("/enquiries")
    List<EnquiryView> list(@RequestParam(required = false) UUID listingId, @CurrentActor Actor actor) {
        return enquiries.partyTo(actor.organisationId(), listingId == null ? null : listingId.toString());
    }

    @Operation(summary = "Read an enquiry")
    @GetMapping("/enquiries/{enquiryId}")
    EnquiryView get(@PathVariable UUID enquiryId, @CurrentActor Actor actor) {
        return enquiries.find(enquiryId.toString(), actor.organisationId())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No enquiry " + enquiryId));
    }

    @Operation(summary = "Answer a question (seller)")
    @PostMapping("/enquiries/{enquiryId}/answer")
    EnquiryAnswer answer(@PathVariable UUID enquiryId, @RequestBody AnswerBody body, @CurrentActor Actor actor) {
        commands.send(new AnswerEnquiry(enquiryId.toString(), actor.organisationId(), body.answer()), actor);
        return new EnquiryAnswer(enquiryId.toString(), EnquiryKind.QUESTION);
    }

    /**
     * @param kind    QUESTION or INTEREST
     * @param message 1 to 2000 characters (the aggregate checks it)
     */
    record EnquiryBody(EnquiryKind kind, String message) {
    }

    /** @param answer 1 to 2000 characters (the aggregate checks it) */
    record AnswerBody(String answer) {
    }

    /** What the command recorded; the read model behind {@code GET /enquiries/{enquiryId}} follows within milliseconds. */
    record EnquiryAnswer(String enquiryId, EnquiryKind kind) {
    }
}
