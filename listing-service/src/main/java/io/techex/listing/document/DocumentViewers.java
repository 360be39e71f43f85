package io.techex.listing.document;

import io.techex.platform.actor.Actor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The people who have had each confidential document ({@code listing_document_viewer}), so that the rest of a
 * download they started is not taken for a new view. Written after the view's event is stored: should the write fail,
 * a resumed download counts as a view once more, which the trail can bear; a view it does not show, it could not.
 */
@Component
class DocumentViewers {

    private final JdbcTemplate jdbc;

    DocumentViewers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    boolean hasHad(String documentId, Actor person) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM listing_document_viewer WHERE document_id = ? AND person_id = ?)",
                Boolean.class, documentId, person.personId()));
    }

    void add(String documentId, Actor person) {
        jdbc.update("""
                INSERT INTO listing_document_viewer (document_id, person_id, organisation_id) VALUES (?, ?, ?)
                ON CONFLICT (document_id, person_id) DO NOTHING""", documentId, person.personId(), person.organisationId());
    }
}
