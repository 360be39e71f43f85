package io.techex.listing.catalogue;

import io.techex.listing.api.ListingDraftRevised;
import io.techex.listing.api.ListingDrafted;
import io.techex.listing.api.LocalizedText;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The catalogue read model ({@code listing_summary}), built from the event store by its own processor and
 * rebuilt by replaying it (the reset handler empties the table first). Writes are idempotent, so an event seen
 * twice changes nothing.
 */
@Component
@ProcessingGroup(ListingCatalogueProjection.PROCESSING_GROUP)
public class ListingCatalogueProjection {

    public static final String PROCESSING_GROUP = "listing-catalogue";

    private final JdbcTemplate jdbc;

    ListingCatalogueProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ListingDrafted event, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO listing_summary (listing_id, seller_organisation_id, status, revision, title_vi, title_en,
                    summary_vi, summary_en, asset_type, readiness_level, drafted_at, updated_at)
                VALUES (?, ?, 'DRAFT', 0, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (listing_id) DO NOTHING""",
                event.listingId(), event.sellerOrganisationId(), event.title().vi(), event.title().en(),
                event.summary().vi(), event.summary().en(), event.assetType().name(), event.readinessLevel(),
                java.sql.Timestamp.from(at), java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(ListingDraftRevised event, @Timestamp Instant at) {
        jdbc.update("""
                UPDATE listing_summary SET revision = ?, title_vi = ?, title_en = ?, summary_vi = ?, summary_en = ?,
                    asset_type = ?, readiness_level = ?, updated_at = ?
                WHERE listing_id = ? AND revision < ?""",
                event.revision(), event.title().vi(), event.title().en(), event.summary().vi(), event.summary().en(),
                event.assetType().name(), event.readinessLevel(), java.sql.Timestamp.from(at),
                event.listingId(), event.revision());
    }

    @ResetHandler
    void beforeReplay() {
        jdbc.update("DELETE FROM listing_summary");
    }

    public Optional<ListingSummary> find(String listingId) {
        return jdbc.query("SELECT * FROM listing_summary WHERE listing_id = ?", ListingCatalogueProjection::summary, listingId)
                .stream().findFirst();
    }

    private static ListingSummary summary(ResultSet row, int rowNumber) throws SQLException {
        return new ListingSummary(row.getString("listing_id"), row.getString("seller_organisation_id"),
                ListingStatus.valueOf(row.getString("status")), row.getInt("revision"),
                new LocalizedText(row.getString("title_vi"), row.getString("title_en")),
                new LocalizedText(row.getString("summary_vi"), row.getString("summary_en")),
                io.techex.listing.api.AssetType.valueOf(row.getString("asset_type")), row.getInt("readiness_level"),
                row.getTimestamp("drafted_at").toInstant(), row.getTimestamp("updated_at").toInstant());
    }
}
