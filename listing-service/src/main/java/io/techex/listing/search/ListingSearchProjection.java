package io.techex.listing.search;

import io.techex.listing.api.AskingPrice;
import io.techex.listing.api.DealOption;
import io.techex.listing.api.ListingDraftRevised;
import io.techex.listing.api.ListingDrafted;
import io.techex.listing.api.ListingLicensed;
import io.techex.listing.api.ListingPublished;
import io.techex.listing.api.ListingSubmitted;
import io.techex.listing.api.ListingTransferred;
import io.techex.listing.api.ListingUnderContract;
import io.techex.listing.api.ListingWithdrawn;
import io.techex.listing.api.OwnershipRejected;
import io.techex.listing.api.OwnershipVerified;
import io.techex.listing.catalogue.ListingReturnedToMarket;
import io.techex.listing.catalogue.ListingStatus;
import io.techex.listing.catalogue.ListingUnderAuction;
import io.techex.listing.catalogue.ListingUnderNegotiation;
import io.techex.listing.projection.BatchedRows;
import io.techex.listing.projection.JsonRecordset;
import io.techex.listing.projection.RowsForUpdate;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Keeps {@code listing_search} in step with the event store. Separate from the catalogue so that either can be
 * replayed alone (search needs a rebuild whenever its text rules change). One listing's events arrive in order and a
 * retried batch replays them in order; inserts ignore a listing already there and revisions only move forward, so
 * handling an event twice ends in the same row.
 *
 * <p>Handlers do not write: they add a change to the batch ({@link BatchedRows}), which writes each listing's row
 * once. Besides the round trip per event this saves the search vector: a generated column, computed (unaccent and
 * to_tsvector, three times) on every write of a row, even one that only sets the status; now once per listing and
 * batch, for the listing's last state.
 */
@Component
@ProcessingGroup(ListingSearchProjection.PROCESSING_GROUP)
class ListingSearchProjection {

    static final String PROCESSING_GROUP = "listing-search";

    /**
     * The batch's rows in one statement, handed over as one JSON array: PostgreSQL computes the generated search
     * vector through the SQL function {@code listing_fold}, whose plan it makes afresh for each statement that calls it,
     * and pays an executor's start-up per statement. A JDBC batch of single-row upserts is still a statement per row:
     * in a replay it cost PostgreSQL 150 µs a row, one statement per batch 65 µs (pg_stat_statements, infra/bench,
     * 2026-12-06).
     */
    private static final String UPSERT = """
            INSERT INTO listing_search (listing_id, seller_organisation_id, revision, status, asset_type, readiness_level,
                title_vi, title_en, summary_vi, summary_en, keywords, ipc_classes, deal_types,
                price_amount, price_currency, price_on_request, published_at)
            SELECT listing_id, seller_organisation_id, revision, status, asset_type, readiness_level,
                title_vi, title_en, summary_vi, summary_en, keywords, ipc_classes, deal_types,
                price_amount, price_currency, price_on_request, published_at
            FROM json_to_recordset(?::json) AS r(listing_id VARCHAR(36), seller_organisation_id VARCHAR(100),
                revision INTEGER, status VARCHAR(40), asset_type VARCHAR(40), readiness_level SMALLINT, title_vi TEXT,
                title_en TEXT, summary_vi TEXT, summary_en TEXT, keywords TEXT[], ipc_classes TEXT[], deal_types TEXT[],
                price_amount NUMERIC, price_currency CHAR(3), price_on_request BOOLEAN, published_at TIMESTAMPTZ)
            ON CONFLICT (listing_id) DO UPDATE SET seller_organisation_id = EXCLUDED.seller_organisation_id,
                revision = EXCLUDED.revision, status = EXCLUDED.status, asset_type = EXCLUDED.asset_type,
                readiness_level = EXCLUDED.readiness_level, title_vi = EXCLUDED.title_vi, title_en = EXCLUDED.title_en,
                summary_vi = EXCLUDED.summary_vi, summary_en = EXCLUDED.summary_en, keywords = EXCLUDED.keywords,
                ipc_classes = EXCLUDED.ipc_classes, deal_types = EXCLUDED.deal_types,
                price_amount = EXCLUDED.price_amount, price_currency = EXCLUDED.price_currency,
                price_on_request = EXCLUDED.price_on_request, published_at = EXCLUDED.published_at""";

    private final JdbcTemplate jdbc;
    private final BatchedRows<Row> rows;

    ListingSearchProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.rows = new BatchedRows<>(ListingSearchProjection.class, new BatchedRows.Table<>() {
            @Override
            public Map<String, Row> readForUpdate(Set<String> ids) {
                return RowsForUpdate.read(jdbc, """
                                SELECT listing_id, seller_organisation_id, revision, status, asset_type, readiness_level,
                                    title_vi, title_en, summary_vi, summary_en, keywords, ipc_classes, deal_types,
                                    price_amount, price_currency, price_on_request, published_at
                                FROM listing_search WHERE listing_id = ANY (?) FOR UPDATE""",
                                ListingSearchProjection::row, Row::listingId, ids);
            }

            @Override
            public void write(List<Row> changed) {
                jdbc.update(UPSERT, JsonRecordset.write(changed, (json, row) -> {
                    json.writeStringField("listing_id", row.listingId);
                    json.writeStringField("seller_organisation_id", row.sellerOrganisationId);
                    json.writeNumberField("revision", row.revision);
                    json.writeStringField("status", row.status);
                    json.writeStringField("asset_type", row.assetType);
                    json.writeNumberField("readiness_level", row.readinessLevel);
                    json.writeStringField("title_vi", row.titleVi);
                    json.writeStringField("title_en", row.titleEn);
                    json.writeStringField("summary_vi", row.summaryVi);
                    json.writeStringField("summary_en", row.summaryEn);
                    JsonRecordset.writeStrings(json, "keywords", row.keywords);
                    JsonRecordset.writeStrings(json, "ipc_classes", row.ipcClasses);
                    JsonRecordset.writeStrings(json, "deal_types", row.dealTypes);
                    JsonRecordset.writeDecimal(json, "price_amount", row.priceAmount);
                    json.writeStringField("price_currency", row.priceCurrency);
                    json.writeBooleanField("price_on_request", row.priceOnRequest);
                    JsonRecordset.writeInstant(json, "published_at", row.publishedAt);
                }));
            }
        });
    }

    @EventHandler
    void on(ListingDrafted e) {
        Price price = Price.of(e.askingPrice());
        change(e.listingId(), row -> row != null ? row : new Row(e.listingId(), e.sellerOrganisationId(), 0,
                ListingStatus.DRAFT.name(), e.assetType().name(), e.readinessLevel(), e.title().vi(), e.title().en(),
                e.summary().vi(), e.summary().en(), e.keywords(), e.ipcClasses(),
                dealTypes(e.dealTypes()), price.amount, price.currency, price.onRequest, null));
    }

    @EventHandler
    void on(ListingDraftRevised e) {
        Price price = Price.of(e.askingPrice());
        change(e.listingId(), row -> row == null || row.revision >= e.revision() ? row
                : new Row(row.listingId, row.sellerOrganisationId, e.revision(), ListingStatus.DRAFT.name(),
                        e.assetType().name(), e.readinessLevel(), e.title().vi(), e.title().en(), e.summary().vi(),
                        e.summary().en(), e.keywords(), e.ipcClasses(), dealTypes(e.dealTypes()),
                        price.amount, price.currency, price.onRequest, row.publishedAt));
    }

    @EventHandler
    void on(ListingSubmitted e) {
        status(e.listingId(), ListingStatus.SUBMITTED);
    }

    @EventHandler
    void on(OwnershipVerified e) {
        status(e.listingId(), ListingStatus.OWNERSHIP_VERIFIED);
    }

    @EventHandler
    void on(OwnershipRejected e) {
        status(e.listingId(), ListingStatus.OWNERSHIP_REJECTED);
    }

    @EventHandler
    void on(ListingPublished e) {
        // published_at is the first publication's
        change(e.listingId(), row -> row == null ? null
                : row.withStatus(ListingStatus.PUBLISHED, row.publishedAt != null ? row.publishedAt : e.publishedAt()));
    }

    @EventHandler
    void on(ListingUnderNegotiation e) {
        status(e.listingId(), ListingStatus.UNDER_NEGOTIATION);
    }

    @EventHandler
    void on(ListingUnderAuction e) {
        status(e.listingId(), ListingStatus.UNDER_AUCTION);
    }

    @EventHandler
    void on(ListingReturnedToMarket e) {
        status(e.listingId(), e.status());
    }

    @EventHandler
    void on(ListingUnderContract e) {
        status(e.listingId(), ListingStatus.UNDER_CONTRACT);
    }

    @EventHandler
    void on(ListingLicensed e) {
        status(e.listingId(), ListingStatus.LICENSED);
    }

    @EventHandler
    void on(ListingTransferred e) {
        status(e.listingId(), ListingStatus.TRANSFERRED);
    }

    @EventHandler
    void on(ListingWithdrawn e) {
        status(e.listingId(), ListingStatus.WITHDRAWN);
    }

    @ResetHandler
    void beforeReplay() {
        // not DELETE, whose dead rows the replay's reads then wade through (V23)
        jdbc.update("TRUNCATE listing_search");
    }

    private void status(String listingId, ListingStatus status) {
        change(listingId, row -> row == null ? null : row.withStatus(status, row.publishedAt));
    }

    private void change(String listingId, UnaryOperator<Row> change) {
        rows.change(listingId, change);
    }

    private static Row row(ResultSet row, int rowNumber) throws SQLException {
        Timestamp publishedAt = row.getTimestamp("published_at");
        return new Row(row.getString("listing_id"), row.getString("seller_organisation_id"), row.getInt("revision"),
                row.getString("status"), row.getString("asset_type"), row.getInt("readiness_level"),
                row.getString("title_vi"), row.getString("title_en"), row.getString("summary_vi"),
                row.getString("summary_en"), list(row, "keywords"), list(row, "ipc_classes"), list(row, "deal_types"),
                row.getBigDecimal("price_amount"), row.getString("price_currency"), row.getBoolean("price_on_request"),
                publishedAt == null ? null : publishedAt.toInstant());
    }

    private static List<String> list(ResultSet row, String column) throws SQLException {
        return Arrays.asList((String[]) row.getArray(column).getArray());
    }

    private static List<String> dealTypes(List<DealOption> deals) {
        return deals.stream().map(deal -> deal.dealType().name()).distinct().toList();
    }

    /** A row of {@code listing_search} but its search vector, which PostgreSQL computes from it. */
    private record Row(String listingId, String sellerOrganisationId, int revision, String status, String assetType,
                       int readinessLevel, String titleVi, String titleEn, String summaryVi, String summaryEn,
                       List<String> keywords, List<String> ipcClasses, List<String> dealTypes, BigDecimal priceAmount,
                       String priceCurrency, boolean priceOnRequest, Instant publishedAt) {

        Row withStatus(ListingStatus status, Instant publishedAt) {
            return new Row(listingId, sellerOrganisationId, revision, status.name(), assetType, readinessLevel, titleVi,
                    titleEn, summaryVi, summaryEn, keywords, ipcClasses, dealTypes, priceAmount, priceCurrency,
                    priceOnRequest, publishedAt);
        }
    }

    private record Price(BigDecimal amount, String currency, boolean onRequest) {
        static Price of(AskingPrice price) {
            if (price == null) {
                return new Price(null, null, false);
            }
            return new Price(price.amount(), price.currency(), price.onRequest());
        }
    }
}
