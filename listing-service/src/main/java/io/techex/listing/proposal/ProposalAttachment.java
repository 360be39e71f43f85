package io.techex.listing.proposal;

import io.techex.listing.api.AttachmentRef;
/**
 * A confidential file attached to a proposal, as the upload stored it; only the proposing university and the need's
 * owner ever read its content.
 *
 * @param sha256 lower-case hex digest of the content, so that what was disclosed can be established later
 */
public record ProposalAttachment(String attachmentId, String name, String mediaType, String sha256, long sizeBytes) {

    /** The attachment as public events name it. */
    AttachmentRef ref() {
        return new AttachmentRef(attachmentId, mediaType, sha256, Math.toIntExact(sizeBytes));
    }
}
