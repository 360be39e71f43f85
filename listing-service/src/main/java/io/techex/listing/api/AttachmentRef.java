package io.techex.listing.api;

/**
 * An attachment as public events name it: which content (its SHA-256) was put before the need's owner, without the
 * file's name, which may say more than the proposer wants the market to know. An attachment is at most 10 MiB, so its
 * size fits an int (which JSON readers all take as a plain integer).
 */
public record AttachmentRef(String attachmentId, String mediaType, String sha256, int sizeBytes) {
}
