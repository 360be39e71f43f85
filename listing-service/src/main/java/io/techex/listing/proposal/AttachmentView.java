package io.techex.listing.proposal;

import java.time.Instant;

/** An attachment as the proposal's parties, the operator and regulators see it listed; its content is the parties'. */
public record AttachmentView(String attachmentId, String name, String mediaType, String sha256, long sizeBytes,
                             Instant attachedAt) {
}
