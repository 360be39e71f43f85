package io.techex.listing.catalogue;

import io.techex.listing.api.ListingDraftRevised;
import io.techex.listing.api.ListingDrafted;
import io.techex.listing.api.ListingLicensed;
import io.techex.listing.api.ListingPublished;
import io.techex.listing.api.ListingSubmitted;
import io.techex.listing.api.ListingTransferred;
import io.techex.listing.api.ListingUnderContract;
import io.techex.listing.api.ListingWithdrawn;
import io.techex.listing.api.LocalizedText;
import io.techex.listing.api.OwnershipChanged;
import io.techex.listing.api.OwnershipRejected;
import io.techex.listing.api.OwnershipVerified;
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
 * The catalogue read model ({@code listing_summary}), built from the event store by its own processor and
 * rebuilt by replaying it (the reset handler empties the table first). One listing's events are handled in order
 * (the processor sequences them per aggregate) and a retried batch replays them in the same order, so setting the
 * status each event implies ends where the listing is; timestamps are not compared, as clocks of several instances
 * may disagree.
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
                INSERT INTO listing_summary (listing_id, seller_organisation_id, owner_organisation_id, status, revision,
                    title_vi, title_en, summary_vi, summary_en, asset_type, readiness_level, drafted_at, updated_at)
                VALUES (?, ?, ?, 'DRAFT', 0, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (listing_id) DO NOTHING""",
                event.listingId(), event.sellerOrganisationId(), event.sellerOrganisationId(), event.title().vi(),
                event.title().en(), event.summary().vi(), event.summary().en(), event.assetType().name(),
                event.readinessLevel(), java.sql.Timestamp.from(at), java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(ListingDraftRevised event, @Timestamp Instant at) {
        // a revision makes a listing whose ownership was rejected a draft again
        jdbc.update("""
                UPDATE listing_summary SET revision = ?, status = 'DRAFT', title_vi = ?, title_en = ?, summary_vi = ?,
                    summary_en = ?, asset_type = ?, readiness_level = ?, updated_at = ?
                WHERE listing_id = ? AND revision < ?""",
                event.revision(), event.title().vi(), event.title().en(), event.summary().vi(), event.summary().en(),
                event.assetType().name(), event.readinessLevel(), java.sql.Timestamp.from(at),
                event.listingId(), event.revision());
    }

    @EventHandler
    void on(ListingSubmitted event, @Timestamp Instant at) {
        status(event.listingId(), ListingStatus.SUBMITTED, at);
    }

    @EventHandler
    void on(OwnershipVerified event, @Timestamp Instant at) {
        status(event.listingId(), ListingStatus.OWNERSHIP_VERIFIED, at);
    }

    @EventHandler
    void on(OwnershipRejected event, @Timestamp Instant at) {
        status(event.listingId(), ListingStatus.OWNERSHIP_REJECTED, at);
    }

    @EventHandler
    void on(ListingPublished event, @Timestamp Instant at) {
        status(event.listingId(), ListingStatus.PUBLISHED, at);
        jdbc.update("UPDATE listing_summary SET published_at = COALESCE(published_at, ?) WHERE listing_id = ?",
                java.sql.Timestamp.from(event.publishedAt()), event.listingId());
    }

    @EventHandler
    void on(ListingUnderNegotiation event, @Timestamp Instant at) {
        status(event.listingId(), ListingStatus.UNDER_NEGOTIATION, at);
    }

    @EventHandler
    void on(ListingUnderAuction event, @Timestamp Instant at) {
        status(event.listingId(), ListingStatus.UNDER_AUCTION, at);
    }

    @EventHandler
    void on(ListingReturnedToMarket event, @Timestamp Instant at) {
        status(event.listingId(), event.status(), at);
    }

    @EventHandler
    void on(ListingUnderContract event, @Timestamp Instant at) {
        status(event.listingId(), ListingStatus.UNDER_CONTRACT, at);
    }

    @EventHandler
    void on(ListingLicensed event, @Timestamp Instant at) {
        status(event.listingId(), ListingStatus.LICENSED, at);
    }

    @EventHandler
    void on(ListingTransferred event, @Timestamp Instant at) {
        status(event.listingId(), ListingStatus.TRANSFERRED, at);
    }

    @EventHandler
    void on(OwnershipChanged event) {
        jdbc.update("UPDATE listing_summary SET owner_organisation_id = ? WHERE listing_id = ?",
                event.newOwnerOrganisationId(), event.listingId());
    }

    @EventHandler
    void on(ListingWithdrawn event, @Timestamp Instant at) {
        status(event.listingId(), ListingStatus.WITHDRAWN, at);
    }

    @ResetHandler
    void beforeReplay() {
        jdbc.update("DELETE FROM listing_summary");
    }

    public Optional<ListingSummary> find(String listingId) {
        return jdbc.query("SELECT * FROM listing_summary WHERE listing_id = ?", ListingCatalogueProjection::summary, listingId)
                .stream().findFirst();
    }

    /** Listings in {@code status}, the longest waiting first: the operator's ownership-check queue, for one. */
    public List<ListingSummary> inStatus(ListingStatus status, int limit) {
        return jdbc.query("SELECT * FROM listing_summary WHERE status = ? ORDER BY updated_at, listing_id LIMIT ?",
                ListingCatalogueProjection::summary, status.name(), limit);
    }

    /** The listings {@code organisationId} sells or owns, in any status, the most recently changed first. */
    public List<ListingSummary> ofOrganisation(String organisationId, int limit) {
        return jdbc.query("SELECT * FROM listing_summary WHERE seller_organisation_id = ? OR owner_organisation_id = ?"
                        + " ORDER BY updated_at DESC, listing_id LIMIT ?",
                ListingCatalogueProjection::summary, organisationId, organisationId, limit);
    }

    private void status(String listingId, ListingStatus status, Instant at) {
        jdbc.update("UPDATE listing_summary SET status = ?, updated_at = ? WHERE listing_id = ?",
                status.name(), java.sql.Timestamp.from(at), listingId);
    }

    private static ListingSummary summary(ResultSet row, int rowNumber) throws SQLException {
        var publishedAt = row.getTimestamp("published_at");
        return new ListingSummary(row.getString("listing_id"), row.getString("seller_organisation_id"),
                ListingStatus.valueOf(row.getString("status")), row.getInt("revision"),
                new LocalizedText(row.getString("title_vi"), row.getString("title_en")),
                new LocalizedText(row.getString("summary_vi"), row.getString("summary_en")),
                io.techex.listing.api.AssetType.valueOf(row.getString("asset_type")), row.getInt("readiness_level"),
                row.getTimestamp("drafted_at").toInstant(), row.getTimestamp("updated_at").toInstant(),
                row.getString("owner_organisation_id"), publishedAt == null ? null : publishedAt.toInstant());
    }
}
