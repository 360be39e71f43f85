package io.techex.listing.document;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Document content in PostgreSQL ({@code listing_document_content}), keyed by document id. */
@Component
class DocumentContents {

    private final JdbcTemplate jdbc;

    DocumentContents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the content of a new document; each upload has a fresh id, so no row is ever shared or overwritten. */
    void store(String documentId, String listingId, String sha256, byte[] content) {
        jdbc.update("INSERT INTO listing_document_content (document_id, listing_id, sha256, content) VALUES (?, ?, ?, ?)",
                documentId, listingId, sha256, content);
    }

    /** Deletes the content of an upload whose document was never attached. */
    void discard(String documentId) {
        jdbc.update("DELETE FROM listing_document_content WHERE document_id = ?", documentId);
    }

    Optional<byte[]> read(String listingId, String documentId) {
        return jdbc.query("SELECT content FROM listing_document_content WHERE listing_id = ? AND document_id = ?",
                (row, rowNumber) -> row.getBytes("content"), listingId, documentId).stream().findFirst();
    }
}
