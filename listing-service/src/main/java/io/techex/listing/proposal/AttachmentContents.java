package io.techex.listing.proposal;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Attachment content in PostgreSQL ({@code proposal_attachment_content}), keyed by attachment id. */
@Component
class AttachmentContents {

    private final JdbcTemplate jdbc;

    AttachmentContents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Each upload has a fresh id, so no row is ever shared or overwritten. */
    void store(String attachmentId, String proposalId, String sha256, byte[] content) {
        jdbc.update("INSERT INTO proposal_attachment_content (attachment_id, proposal_id, sha256, content) VALUES (?, ?, ?, ?)",
                attachmentId, proposalId, sha256, content);
    }

    /** Deletes the content of an upload whose attachment was refused. */
    void discard(String attachmentId) {
        jdbc.update("DELETE FROM proposal_attachment_content WHERE attachment_id = ?", attachmentId);
    }

    Optional<byte[]> read(String proposalId, String attachmentId) {
        return jdbc.query("SELECT content FROM proposal_attachment_content WHERE proposal_id = ? AND attachment_id = ?",
                (row, rowNumber) -> row.getBytes("content"), proposalId, attachmentId).stream().findFirst();
    }
}
