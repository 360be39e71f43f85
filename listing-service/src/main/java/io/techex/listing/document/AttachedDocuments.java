package io.techex.listing.document;

import io.techex.listing.catalogue.DocumentAttached;
import io.techex.listing.catalogue.DocumentRemoved;
import io.techex.listing.catalogue.ListingDocument;
import io.techex.listing.catalogue.ListingDocument.Visibility;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The read model of attached documents ({@code listing_document}), built from the listing's events by its own
 * processor. It is also the gate to the content: a content row is served only while this model says its document is
 * attached, which is what makes a content row left behind by a failed upload harmless.
 * <p>
 * A removal deletes the content too, here rather than in the HTTP request, so that it happens even if the instance
 * that removed the document dies right after the command. A replay (the reset handler empties only this table) ends
 * where the store is: a removed document's attach and removal both replay, and its content is gone already.
 */
@Component
@ProcessingGroup(AttachedDocuments.PROCESSING_GROUP)
class AttachedDocuments {

    static final String PROCESSING_GROUP = "listing-documents";

    private final JdbcTemplate jdbc;

    AttachedDocuments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(DocumentAttached event, @Timestamp Instant at) {
        ListingDocument document = event.document();
        jdbc.update("""
                INSERT INTO listing_document (document_id, listing_id, name, media_type, sha256, size_bytes, visibility, attached_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (document_id) DO NOTHING""",
                document.documentId(), event.listingId(), document.name(), document.mediaType(), document.sha256(),
                document.sizeBytes(), document.visibility().name(), java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(DocumentRemoved event) {
        jdbc.update("DELETE FROM listing_document WHERE document_id = ? AND listing_id = ?", event.documentId(), event.listingId());
        jdbc.update("DELETE FROM listing_document_content WHERE document_id = ? AND listing_id = ?", event.documentId(), event.listingId());
    }

    @ResetHandler
    void beforeReplay() {
        jdbc.update("DELETE FROM listing_document");
    }

    List<DocumentView> of(String listingId) {
        return jdbc.query("SELECT * FROM listing_document WHERE listing_id = ? ORDER BY attached_at, document_id",
                AttachedDocuments::view, listingId);
    }

    Optional<DocumentView> find(String listingId, String documentId) {
        return jdbc.query("SELECT * FROM listing_document WHERE listing_id = ? AND document_id = ?",
                AttachedDocuments::view, listingId, documentId).stream().findFirst();
    }

    /** The document already attached with this very content, name and visibility: what a retried upload meant. */
    Optional<DocumentView> findSame(String listingId, String sha256, String name, Visibility visibility) {
        return jdbc.query("SELECT * FROM listing_document WHERE listing_id = ? AND sha256 = ? AND name = ? AND visibility = ?",
                AttachedDocuments::view, listingId, sha256, name, visibility.name()).stream().findFirst();
    }

    private static DocumentView view(ResultSet row, int rowNumber) throws SQLException {
        return new DocumentView(row.getString("document_id"), row.getString("listing_id"), row.getString("name"),
                row.getString("media_type"), row.getString("sha256"), row.getLong("size_bytes"),
                Visibility.valueOf(row.getString("visibility")), row.getTimestamp("attached_at").toInstant());
    }
}
