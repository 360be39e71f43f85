package io.techex.listing.proposal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.techex.listing.document.Uploads;
import io.techex.platform.actor.ActingCommandGateway;
import io.techex.platform.actor.Actor;
import io.techex.platform.rules.RuleViolation;
import io.techex.platform.web.CurrentActor;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * A proposal's confidential attachments: the proposing university uploads them to its draft (the file is the body, as
 * for listing documents, {@link Uploads}); only the university and the need's owner download them, once the proposal is
 * before the owner. The operator and regulators see that they exist (name, SHA-256), not what they say.
 * <p>
 * The content is stored first, then {@code AttachToProposal} goes to the proposal with its SHA-256; if the command is
 * refused, the content row is deleted. A retried upload of the same file, name and type answers the attachment already
 * there once the read model has it.
 */
@RestController
@Tag(name = "Proposals")
class ProposalAttachmentController {

    private static final Logger log = LoggerFactory.getLogger(ProposalAttachmentController.class);

    private final ActingCommandGateway commands;
    private final Proposals proposals;
    private final AttachmentContents contents;

    ProposalAttachmentController(ActingCommandGateway commands, Proposals proposals, AttachmentContents contents) {
        this.commands = commands;
        this.proposals = proposals;
        this.contents = contents;
    }

    @Operation(summary = "The proposing university attaches a confidential file to its draft proposal",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    description = "The file itself, at most 10 MiB, with its media type as Content-Type",
                    content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary"))))
    @ApiResponse(responseCode = "201", description = "Attached", content = @Content(schema = @Schema(implementation = AttachmentView.class)))
    @ApiResponse(responseCode = "200", description = "The same content, name and media type were attached already: that attachment",
            content = @Content(schema = @Schema(implementation = AttachmentView.class)))
    @ApiResponse(responseCode = "415", description = "No Content-Type, or a form or multipart one: the body is the file itself")
    @PostMapping("/proposals/{proposalId}/attachments")
    ResponseEntity<AttachmentView> upload(@PathVariable UUID proposalId, @RequestParam String name,
                                          HttpServletRequest request, @CurrentActor Actor actor,
                                          UriComponentsBuilder uris) throws IOException {
        String mediaType = Uploads.mediaTypeOf(request.getContentType());
        // the proposer's draft before reading 10 MB of someone else's upload; the proposal checks again on the command
        ProposalRow proposal = proposals.find(proposalId.toString())
                .filter(row -> ProposalVisibility.isProposer(row, actor))
                .orElseThrow(() -> noProposal(proposalId));
        if (proposal.status() != ProposalStatus.DRAFT) {
            throw RuleViolation.conflict("proposal-not-draft", "Proposal " + proposalId + " is " + proposal.status()
                    + "; files are attached to a draft, before it is submitted");
        }
        String fileName = Uploads.fileName(name);
        byte[] content = Uploads.readAtMost(request.getInputStream());
        String sha256 = Uploads.sha256(content);
        var earlier = proposals.sameAttachment(proposal.proposalId(), sha256, fileName, mediaType);
        if (earlier.isPresent()) {
            return ResponseEntity.ok().location(location(uris, proposal.proposalId(), earlier.get())).body(earlier.get());
        }
        String attachmentId = UUID.randomUUID().toString();
        Instant attachedAt = Instant.now();
        contents.store(attachmentId, proposal.proposalId(), sha256, content);
        try {
            commands.send(new AttachToProposal(proposal.proposalId(), actor.organisationId(),
                    new ProposalAttachment(attachmentId, fileName, mediaType, sha256, content.length), attachedAt), actor);
        } catch (RuntimeException refused) {
            discard(attachmentId, refused);
            throw refused;
        }
        AttachmentView view = new AttachmentView(attachmentId, fileName, mediaType, sha256, content.length, attachedAt);
        return ResponseEntity.created(location(uris, proposal.proposalId(), view)).body(view);
    }

    @Operation(summary = "The proposing university or the need's owner downloads an attachment")
    @ApiResponse(responseCode = "200", description = "The file, as an attachment, its SHA-256 as ETag",
            content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary")))
    @GetMapping("/proposals/{proposalId}/attachments/{attachmentId}")
    ResponseEntity<byte[]> download(@PathVariable UUID proposalId, @PathVariable UUID attachmentId, @CurrentActor Actor actor) {
        ProposalRow proposal = proposals.find(proposalId.toString())
                .filter(row -> ProposalVisibility.isParty(row, actor))
                .orElseThrow(() -> noAttachment(attachmentId));
        AttachmentView attachment = proposals.attachment(proposal.proposalId(), attachmentId.toString())
                .orElseThrow(() -> noAttachment(attachmentId));
        byte[] content = contents.read(proposal.proposalId(), attachment.attachmentId())
                .orElseThrow(() -> noAttachment(attachmentId));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(attachment.mediaType()))
                .contentLength(content.length)
                .eTag("\"" + attachment.sha256() + "\"")
                .header(HttpHeaders.CONTENT_DISPOSITION, Uploads.attachment(attachment.name()))
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(content);
    }

    private void discard(String attachmentId, RuntimeException cause) {
        try {
            contents.discard(attachmentId);
        } catch (RuntimeException alsoFailed) {
            // harmless: content of an attachment never added is never served
            log.warn("Could not delete the content of attachment {}, whose command failed ({}): {}", attachmentId,
                    cause.getMessage(), alsoFailed.getMessage());
        }
    }

    private static URI location(UriComponentsBuilder uris, String proposalId, AttachmentView attachment) {
        return uris.path("/proposals/{proposalId}/attachments/{attachmentId}")
                .buildAndExpand(proposalId, attachment.attachmentId()).toUri();
    }

    private static ResponseStatusException noProposal(UUID proposalId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No proposal " + proposalId);
    }

    private static ResponseStatusException noAttachment(UUID attachmentId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No attachment " + attachmentId);
    }
}
