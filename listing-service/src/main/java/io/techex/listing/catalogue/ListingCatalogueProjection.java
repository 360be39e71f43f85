package io.techex.listing.catalogue;

import io.techex.listing.api.AssetType;
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
import io.techex.listing.projection.BatchedRows;
import io.techex.listing.projection.RowsForUpdate;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The catalogue read model ({@code listing_summary}), built from the event store by its own processor and
 * rebuilt by replaying it (the reset handler empties the table first). One listing's events are handled in order
 * (the processor sequences them per aggregate) and a retried batch replays them in the same order, so setting the
 * status each event implies ends where the listing is; timestamps are not compared, as clocks of several instances
 * may disagree.
 *
 * <p>Handlers do not write: one statement per event made a replay a round trip per event. They add a change to the
 * batch ({@link BatchedRows}), which writes each listing's row once. A change does in Java what its statement did in
 * SQL (an insert that leaves an existing listing alone, a revision that only moves forward, a status set on a listing
 * that exists), so a replayed event leaves the row as it was.
 */
@Component
@ProcessingGroup(ListingCatalogueProjection.PROCESSING_GROUP)
public class ListingCatalogueProjection {

    public static final String PROCESSING_GROUP = "listing-catalogue";

    private static final String UPSERT = """
            INSERT INTO listing_summary (listing_id, seller_organisation_id, owner_organisation_id, status, revision,
                title_vi, title_en, summary_vi, summary_en, asset_type, readiness_level, drafted_at, updated_at, published_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (listing_id) DO UPDATE SET seller_organisation_id = EXCLUDED.seller_organisation_id,
                owner_organisation_id = EXCLUDED.owner_organisation_id, status = EXCLUDED.status,
                revision = EXCLUDED.revision, title_vi = EXCLUDED.title_vi, title_en = EXCLUDED.title_en,
                summary_vi = EXCLUDED.summary_vi, summary_en = EXCLUDED.summary_en, asset_type = EXCLUDED.asset_type,
                readiness_level = EXCLUDED.readiness_level, drafted_at = EXCLUDED.drafted_at,
                updated_at = EXCLUDED.updated_at, published_at = EXCLUDED.published_at""";

    private final JdbcTemplate jdbc;
    private final BatchedRows<ListingSummary> rows;

    ListingCatalogueProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.rows = new BatchedRows<>(ListingCatalogueProjection.class, new BatchedRows.Table<>() {
            @Override
            public Map<String, ListingSummary> readForUpdate(Set<String> ids) {
                return RowsForUpdate.read(jdbc, "SELECT * FROM listing_summary WHERE listing_id = ANY (?) FOR UPDATE",
                        ListingCatalogueProjection::summary, ListingSummary::listingId, ids);
            }

            @Override
            public void write(List<ListingSummary> changed) {
                jdbc.batchUpdate(UPSERT, changed, changed.size(), (statement, row) -> {
                    statement.setString(1, row.listingId());
                    statement.setString(2, row.sellerOrganisationId());
                    statement.setString(3, row.ownerOrganisationId());
                    statement.setString(4, row.status().name());
                    statement.setInt(5, row.revision());
                    statement.setString(6, row.title().vi());
                    statement.setString(7, row.title().en());
                    statement.setString(8, row.summary().vi());
                    statement.setString(9, row.summary().en());
                    statement.setString(10, row.assetType().name());
                    statement.setInt(11, row.readinessLevel());
                    statement.setTimestamp(12, java.sql.Timestamp.from(row.draftedAt()));
                    statement.setTimestamp(13, java.sql.Timestamp.from(row.updatedAt()));
                    statement.setTimestamp(14, row.publishedAt() == null ? null : java.sql.Timestamp.from(row.publishedAt()));
                });
            }
        });
    }

    @EventHandler
    void on(ListingDrafted event, @Timestamp Instant at) {
        change(event.listingId(), row -> row != null ? row : new ListingSummary(event.listingId(),
                event.sellerOrganisationId(), ListingStatus.DRAFT, 0, event.title(), event.summary(), event.assetType(),
                event.readinessLevel(), at, at, event.sellerOrganisationId(), null));
    }

    @EventHandler
    void on(ListingDraftRevised event, @Timestamp Instant at) {
        // a revision makes a listing whose ownership was rejected a draft again
        change(event.listingId(), row -> row == null || row.revision() >= event.revision() ? row
                : new ListingSummary(row.listingId(), row.sellerOrganisationId(), ListingStatus.DRAFT, event.revision(),
                        event.title(), event.summary(), event.assetType(), event.readinessLevel(), row.draftedAt(), at,
                        row.ownerOrganisationId(), row.publishedAt()));
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
        // published_at is the first publication's
        change(event.listingId(), row -> row == null ? null : new ListingSummary(row.listingId(),
                row.sellerOrganisationId(), ListingStatus.PUBLISHED, row.revision(), row.title(), row.summary(),
                row.assetType(), row.readinessLevel(), row.draftedAt(), at, row.ownerOrganisationId(),
                row.publishedAt() != null ? row.publishedAt() : event.publishedAt()));
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
        change(event.listingId(), row -> row == null ? null : new ListingSummary(row.listingId(),
                row.sellerOrganisationId(), row.status(), row.revision(), row.title(), row.summary(), row.assetType(),
                row.readinessLevel(), row.draftedAt(), row.updatedAt(), event.newOwnerOrganisationId(), row.publishedAt()));
    }

    @EventHandler
    void on(ListingWithdrawn event, @Timestamp Instant at) {
        status(event.listingId(), ListingStatus.WITHDRAWN, at);
    }

    @ResetHandler
    void beforeReplay() {
        // not DELETE, whose dead rows the replay's reads then wade through (V23)
        jdbc.update("TRUNCATE listing_summary");
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
        change(listingId, row -> row == null ? null : new ListingSummary(row.listingId(), row.sellerOrganisationId(),
                status, row.revision(), row.title(), row.summary(), row.assetType(), row.readinessLevel(),
                row.draftedAt(), at, row.ownerOrganisationId(), row.publishedAt()));
    }

    private void change(String listingId, UnaryOperator<ListingSummary> change) {
        rows.change(listingId, change);
    }

    private static ListingSummary summary(ResultSet row, int rowNumber) throws SQLException {
        var publishedAt = row.getTimestamp("published_at");
        return new ListingSummary(row.getString("listing_id"), row.getString("seller_organisation_id"),
                ListingStatus.valueOf(row.getString("status")), row.getInt("revision"),
                new LocalizedText(row.getString("title_vi"), row.getString("title_en")),
                new LocalizedText(row.getString("summary_vi"), row.getString("summary_en")),
                AssetType.valueOf(row.getString("asset_type")), row.getInt("readiness_level"),
                row.getTimestamp("drafted_at").toInstant(), row.getTimestamp("updated_at").toInstant(),
                row.getString("owner_organisation_id"), publishedAt == null ? null : publishedAt.toInstant());
    }
}
