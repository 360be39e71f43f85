package io.techex.listing.enquiry;

import io.techex.platform.actor.Actor;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The enquiry read model ({@code listing_enquiry}), built from the event store by its own processor and rebuilt by replaying it. */
@Component
@ProcessingGroup(Enquiries.PROCESSING_GROUP)
class Enquiries {

    static final String PROCESSING_GROUP = "listing-enquiries";

    private final JdbcTemplate jdbc;

    Enquiries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(EnquiryMade event, @MetaDataValue(Actor.PERSON) String person, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO listing_enquiry (enquiry_id, listing_id, seller_organisation_id, firm_organisation_id, kind,
                    message, asked_by, asked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (enquiry_id) DO NOTHING""",
                event.enquiryId(), event.listingId(), event.sellerOrganisationId(), event.firmOrganisationId(),
                event.kind().name(), event.message(), person, java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(EnquiryAnswered event, @MetaDataValue(Actor.PERSON) String person, @Timestamp Instant at) {
        jdbc.update("UPDATE listing_enquiry SET answer = ?, answered_by = ?, answered_at = ? WHERE enquiry_id = ?",
                event.answer(), person, java.sql.Timestamp.from(at), event.enquiryId());
    }

    @ResetHandler
    void beforeReplay() {
        jdbc.update("DELETE FROM listing_enquiry");
    }

    /** The enquiry, if {@code organisationId} is its firm or the listing's seller. */
    Optional<EnquiryView> find(String enquiryId, String organisationId) {
        return jdbc.query("SELECT * FROM listing_enquiry WHERE enquiry_id = ? AND (seller_organisation_id = ? OR firm_organisation_id = ?)",
                Enquiries::view, enquiryId, organisationId, organisationId).stream().findFirst();
    }

    /** The enquiries {@code organisationId} is party to, newest first; of one listing if given. */
    List<EnquiryView> partyTo(String organisationId, String listingId) {
        return jdbc.query("""
                SELECT * FROM listing_enquiry WHERE (seller_organisation_id = ? OR firm_organisation_id = ?)
                    AND (CAST(? AS VARCHAR) IS NULL OR listing_id = ?)
                ORDER BY asked_at DESC, enquiry_id""",
                Enquiries::view, organisationId, organisationId, listingId, listingId);
    }

    private static EnquiryView view(ResultSet row, int rowNumber) throws SQLException {
        var answeredAt = row.getTimestamp("answered_at");
        return new EnquiryView(row.getString("enquiry_id"), row.getString("listing_id"), row.getString("seller_organisation_id"),
                row.getString("firm_organisation_id"), EnquiryKind.valueOf(row.getString("kind")), row.getString("message"),
                row.getString("asked_by"), row.getTimestamp("asked_at").toInstant(), row.getString("answer"),
                row.getString("answered_by"), answeredAt == null ? null : answeredAt.toInstant());
    }
}
