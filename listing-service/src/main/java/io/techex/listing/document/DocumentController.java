package io.techex.listing.document;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.techex.listing.api.ConfidentialDocumentViewed;
import io.techex.listing.catalogue.AttachDocument;
import io.techex.listing.catalogue.ListingCatalogueProjection;
import io.techex.listing.catalogue.ListingDocument;
import io.techex.listing.catalogue.ListingDocument.Visibility;
import io.techex.listing.catalogue.ListingSummary;
import io.techex.listing.catalogue.RemoveDocument;
import io.techex.listing.disclosure.Disclosures;
import io.techex.platform.actor.ActingCommandGateway;
import io.techex.platform.actor.Actor;
import io.techex.platform.rules.RuleViolation;
import io.techex.platform.web.CurrentActor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * A listing's documents over HTTP.
 * <p>
 * An upload is the document itself as the request body, its media type as {@code Content-Type}, and {@code name} and
 * {@code visibility} as query parameters: no multipart envelope to configure or parse, and the body is read once,
 * bounded by {@link Uploads#MAX_BYTES}, while it is hashed. The content is stored first, then {@code AttachDocument} goes to
 * the listing with its SHA-256, so an attached document always has its content. If the command fails the content row
 * is deleted; one left behind by a crash in between is never served (see {@link AttachedDocuments}).
 * <p>
 * A retried upload of the same content, name and visibility answers the document already attached instead of
 * attaching a copy, once the read model has it (milliseconds). An {@code Idempotency-Key} works too, but the platform
 * buffers keyed requests and caps them at {@code techex.idempotency.max-body} (1 MB), so large uploads go without one.
 */
@RestController
@RequestMapping("/listings/{listingId}/documents")
@Tag(name = "Documents", description = "A listing's documents: public ones for anyone who sees the listing, "
        + "confidential ones for the seller, the operator and firms whose NDA the seller accepted")
class DocumentController {

    private static final Logger log = LoggerFactory.getLogger(DocumentController.class);

    private final ActingCommandGateway commands;
    private final EventGateway events;
    private final ListingCatalogueProjection catalogue;
    private final AttachedDocuments attached;
    private final DocumentContents contents;
    private final Disclosures disclosures;
    private final DocumentViewers viewers;
    private final ReadableDocuments readable;

    DocumentController(ActingCommandGateway commands, EventGateway events, ListingCatalogueProjection catalogue,
                       AttachedDocuments attached, DocumentContents contents, Disclosures disclosures,
                       DocumentViewers viewers, ReadableDocuments readable) {
        this.commands = commands;
        this.events = events;
        this.catalogue = catalogue;
        this.attached = attached;
        this.contents = contents;
        this.disclosures = disclosures;
        this.viewers = viewers;
        this.readable = readable;
    }

    /** The handler reads the body itself (bounded, hashed), so the API document is told what the body is. */
    @Operation(summary = "Upload a document (seller)", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true, description = "The document itself, at most 10 MiB, with its media type as Content-Type",
            content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary"))))
    @ApiResponse(responseCode = "201", description = "Attached", content = @Content(schema = @Schema(implementation = DocumentView.class)))
    @ApiResponse(responseCode = "415", description = "No Content-Type, or a form or multipart one: the body is the document itself")
    @ApiResponse(responseCode = "200", description = "The same content, name and visibility were attached already: that document",
            content = @Content(schema = @Schema(implementation = DocumentView.class)))
    @PostMapping
    ResponseEntity<DocumentView> upload(@PathVariable UUID listingId, @RequestParam String name,
                                        @RequestParam Visibility visibility, HttpServletRequest request,
                                        @CurrentActor Actor actor, UriComponentsBuilder uris) throws IOException {
        String mediaType = Uploads.mediaTypeOf(request.getContentType());
        // ownership before reading 10 MB of someone else's upload; the listing re-checks it when the command arrives
        ListingSummary listing = catalogue.find(listingId.toString())
                .filter(summary -> ReadingRights.isSeller(summary, actor))
                .orElseThrow(() -> noListing(listingId));
        String documentName = Uploads.fileName(name);
        // no early refusal on Content-Length: answering before the body is read makes the container drop the
        // connection, and a client still sending sees a reset instead of the 413 that says what to do
        byte[] content = Uploads.readAtMost(request.getInputStream());
        String sha256 = Uploads.sha256(content);

        var earlier = attached.findSame(listing.listingId(), sha256, documentName, visibility);
        if (earlier.isPresent()) {
            return ResponseEntity.ok().location(location(uris, earlier.get())).body(earlier.get());
        }
        String documentId = UUID.randomUUID().toString();
        var document = new ListingDocument(documentId, documentName, mediaType, sha256, content.length, visibility);
        contents.store(documentId, listing.listingId(), sha256, content);
        try {
            commands.send(new AttachDocument(listing.listingId(), actor.organisationId(), document), actor);
        } catch (RuntimeException refused) {
            discard(documentId, refused);
            throw refused;
        }
        DocumentView view = new DocumentView(documentId, listing.listingId(), documentName, mediaType, sha256,
                content.length, visibility, null);
        return ResponseEntity.created(location(uris, view)).body(view);
    }

    /** The documents the caller may read; the catalogue and the document list follow the event store within milliseconds. */
    @Operation(summary = "The listing's documents the caller may read")
    @GetMapping
    List<DocumentView> list(@PathVariable UUID listingId, @CurrentActor Actor actor) {
        return catalogue.find(listingId.toString()).flatMap(listing -> readable.readable(listing, actor))
                .orElseThrow(() -> noListing(listingId));
    }

    /**
     * The content, as an attachment (never rendered inline, whatever its type), with its SHA-256 as {@code ETag} and
     * {@code Repr-Digest}, and the moment it was attached as {@code Last-Modified}: a document's content never changes,
     * a new version is a new document. Conditional requests get a {@code 304} when the caller's copy is current, and
     * one byte range is served as a {@code 206} ({@link RequestedPart}), so that a download can be resumed.
     * <p>
     * A confidential document read by anyone but its seller is recorded before it is served: without the record there
     * is no download. The record is of a download a person makes, not of each request: a {@code 304} sends nothing, so
     * records nothing; a range that starts at the first byte is (the first part of) a download, and is recorded; a
     * range that starts further on continues a download that person started, and is not, unless that person never had
     * the document, for otherwise {@code bytes=1-} would take all but one byte unrecorded.
     */
    @Operation(summary = "Downloads a document, whole or one byte range of it", description = """
            Answers 200 with the whole document, or 206 with the one byte range a `Range` header asks for (`bytes=0-`, \
            `bytes=1048576-`, `bytes=-500`), so that an interrupted download can be resumed; `Accept-Ranges: bytes` \
            says so. Several ranges in one request, or an `If-Range` that is not the document's `ETag` or \
            `Last-Modified`, get the whole document; a range beyond its last byte is a 416. With `If-None-Match` \
            (the `ETag`) or `If-Modified-Since` (the `Last-Modified`) the answer is a 304 without content while the \
            caller's copy is current; a document's content never changes.

            A confidential document read by anyone but its seller is recorded as a view \
            (`ConfidentialDocumentViewed`) once per download a person makes: a 304 records nothing, a range \
            starting at byte 0 is the start of a download and is recorded, a range starting later continues a \
            download that person started and is not recorded, unless that person has never had the document.""")
    @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_NONE_MATCH, schema = @Schema(type = "string"),
            description = "The document's ETag (its SHA-256, quoted), held from an earlier download: 304 if it is current")
    @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MODIFIED_SINCE, schema = @Schema(type = "string"),
            description = "The Last-Modified date of an earlier download: 304 if the document has not changed since")
    @ApiResponse(responseCode = "200", description = "The whole document",
            content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "206", description = "The byte range asked for, with Content-Range",
            content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "304", description = "The caller's copy is current; no content")
    @ApiResponse(responseCode = "416", description = "The range starts beyond the document's last byte; Content-Range says its length")
    @GetMapping("/{documentId}")
    ResponseEntity<byte[]> download(@PathVariable UUID listingId, @PathVariable UUID documentId,
                                    @Parameter(description = "One byte range, e.g. bytes=1048576- to resume a download")
                                    @RequestHeader(name = HttpHeaders.RANGE, required = false) String range,
                                    @Parameter(description = "The ETag or Last-Modified of the copy being resumed: "
                                            + "a range is served only from that very document")
                                    @RequestHeader(name = HttpHeaders.IF_RANGE, required = false) String ifRange,
                                    HttpServletRequest request, @CurrentActor Actor actor) {
        ListingSummary listing = catalogue.find(listingId.toString()).orElseThrow(() -> noDocument(documentId));
        DocumentView document = attached.find(listing.listingId(), documentId.toString())
                .filter(found -> ReadingRights.mayRead(listing, found.visibility(), actor,
                        () -> disclosures.accepted(listing.listingId(), actor.organisationId())))
                .orElseThrow(() -> noDocument(documentId));
        String etag = "\"" + document.sha256() + "\"";
        // the caller's copy is current: nothing is sent, so nothing is recorded; Spring turns this 200 into the 304
        // (or into the 412 of a failed If-Match) by the same validators
        if (new ServletWebRequest(request).checkNotModified(etag, document.attachedAt().toEpochMilli())) {
            return ResponseEntity.ok().eTag(etag).lastModified(document.attachedAt()).build();
        }
        byte[] content = contents.read(listing.listingId(), document.documentId()).orElseThrow(() -> noDocument(documentId));
        RequestedPart part = RequestedPart.of(range, ifRange, etag, document.attachedAt(), content.length);
        if (ReadingRights.isDisclosure(listing, document.visibility(), actor)
                && (part.startsTheDocument() || !viewers.hasHad(document.documentId(), actor))) {
            events.publish(GenericEventMessage.asEventMessage(new ConfidentialDocumentViewed(listing.listingId(),
                    document.documentId(), document.sha256(), actor.organisationId())).andMetaData(actor.asMetaData()));
            viewers.add(document.documentId(), actor);
        }
        byte[] digest = HexFormat.of().parseHex(document.sha256());
        ResponseEntity.BodyBuilder answer = part.ranged()
                ? ResponseEntity.status(HttpStatus.PARTIAL_CONTENT).header(HttpHeaders.CONTENT_RANGE, part.contentRange())
                : ResponseEntity.ok();
        byte[] sent = part.of(content);
        return answer
                .contentType(MediaType.parseMediaType(document.mediaType()))
                .contentLength(sent.length)
                .eTag(etag)
                .lastModified(document.attachedAt())
                .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(digest) + ":")
                .header(HttpHeaders.CONTENT_DISPOSITION, Uploads.attachment(document.name()))
                .body(sent);
    }

    @Operation(summary = "Remove a document (seller)")
    @ApiResponse(responseCode = "204", description = "Removed")
    @DeleteMapping("/{documentId}")
    ResponseEntity<Void> remove(@PathVariable UUID listingId, @PathVariable UUID documentId, @CurrentActor Actor actor) {
        // the listing checks that the caller is its seller (404 otherwise); the content goes when the removal is projected
        commands.send(new RemoveDocument(listingId.toString(), actor.organisationId(), documentId.toString()), actor);
        return ResponseEntity.noContent().build();
    }

    private void discard(String documentId, RuntimeException cause) {
        try {
            contents.discard(documentId);
        } catch (RuntimeException alsoFailed) {
            // harmless: content of an unattached document is never served
            log.warn("Could not delete the content of document {}, whose attachment failed ({}): {}", documentId,
                    cause.getMessage(), alsoFailed.getMessage());
        }
    }

    private static java.net.URI location(UriComponentsBuilder uris, DocumentView document) {
        return uris.path("/listings/{listingId}/documents/{documentId}")
                .buildAndExpand(document.listingId(), document.documentId()).toUri();
    }

    private static ResponseStatusException noListing(UUID listingId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No listing " + listingId);
    }

    private static ResponseStatusException noDocument(UUID documentId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No document " + documentId);
    }
}
