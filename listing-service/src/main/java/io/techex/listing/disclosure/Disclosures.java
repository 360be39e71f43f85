package io.techex.listing.disclosure;

import io.techex.listing.api.NdaAccepted;
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

/**
 * The NDA read model ({@code listing_nda}), built from the event store by its own processor and rebuilt by replaying
 * it. A request after a decline overwrites the row: the parties see where they stand now, the event store keeps
 * the history. One NDA's events arrive in order, so each handler may simply set what its event says.
 */
@Component
@ProcessingGroup(Disclosures.PROCESSING_GROUP)
public class Disclosures {

    static final String PROCESSING_GROUP = "listing-ndas";

    private final JdbcTemplate jdbc;

    Disclosures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(NdaRequested event, @MetaDataValue(Actor.PERSON) String person, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO listing_nda (nda_id, listing_id, seller_organisation_id, firm_organisation_id, status, message,
                    requested_by, requested_at)
                VALUES (?, ?, ?, ?, 'REQUESTED', ?, ?, ?)
                ON CONFLICT (nda_id) DO UPDATE SET status = 'REQUESTED', message = EXCLUDED.message,
                    requested_by = EXCLUDED.requested_by, requested_at = EXCLUDED.requested_at,
                    decline_reason = NULL, decided_by = NULL, decided_at = NULL""",
                event.ndaId(), event.listingId(), event.sellerOrganisationId(), event.firmOrganisationId(),
                event.message(), person, java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(NdaAccepted event, @MetaDataValue(Actor.PERSON) String person, @Timestamp Instant at) {
        jdbc.update("UPDATE listing_nda SET status = 'ACCEPTED', decided_by = ?, decided_at = ? WHERE nda_id = ?",
                person, java.sql.Timestamp.from(at), event.ndaId());
    }

    @EventHandler
    void on(NdaDeclined event, @MetaDataValue(Actor.PERSON) String person, @Timestamp Instant at) {
        jdbc.update("UPDATE listing_nda SET status = 'DECLINED', decline_reason = ?, decided_by = ?, decided_at = ? WHERE nda_id = ?",
                event.reason(), person, java.sql.Timestamp.from(at), event.ndaId());
    }

    @ResetHandler
    void beforeReplay() {
        jdbc.update("DELETE FROM listing_nda");
    }

    /** Whether the seller of {@code listingId} accepted {@code firmOrganisationId}'s NDA on it. */
    public boolean accepted(String listingId, String firmOrganisationId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM listing_nda WHERE listing_id = ? AND firm_organisation_id = ? AND status = 'ACCEPTED')""",
                Boolean.class, listingId, firmOrganisationId));
    }

    /** The NDA, if {@code organisationId} is one of its parties. */
    public Optional<NdaView> find(String ndaId, String organisationId) {
        return jdbc.query("SELECT * FROM listing_nda WHERE nda_id = ? AND (seller_organisation_id = ? OR firm_organisation_id = ?)",
                Disclosures::view, ndaId, organisationId, organisationId).stream().findFirst();
    }

    /** The NDAs {@code organisationId} is party to, as seller or firm, newest request first; of one listing if given. */
    public List<NdaView> partyTo(String organisationId, String listingId) {
        return jdbc.query("""
                SELECT * FROM listing_nda WHERE (seller_organisation_id = ? OR firm_organisation_id = ?)
                    AND (CAST(? AS VARCHAR) IS NULL OR listing_id = ?)
                ORDER BY requested_at DESC, nda_id""",
                Disclosures::view, organisationId, organisationId, listingId, listingId);
    }

    private static NdaView view(ResultSet row, int rowNumber) throws SQLException {
        var decidedAt = row.getTimestamp("decided_at");
        return new NdaView(row.getString("nda_id"), row.getString("listing_id"), row.getString("seller_organisation_id"),
                row.getString("firm_organisation_id"), NdaStatus.valueOf(row.getString("status")), row.getString("message"),
                row.getString("decline_reason"), row.getString("requested_by"), row.getTimestamp("requested_at").toInstant(),
                row.getString("decided_by"), decidedAt == null ? null : decidedAt.toInstant());
    }
}
