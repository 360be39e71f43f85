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
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Keeps {@code listing_search} in step with the event store. Separate from the catalogue so that either can be
 * replayed alone (search needs a rebuild whenever its text rules change). One listing's events arrive in order and a
 * retried batch replays them in order; inserts ignore a listing already there and revisions only move forward, so
 * handling an event twice ends in the same row.
 */
@Component
@ProcessingGroup(ListingSearchProjection.PROCESSING_GROUP)
class ListingSearchProjection {

    static final String PROCESSING_GROUP = "listing-search";

    private final JdbcTemplate jdbc;

    ListingSearchProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ListingDrafted e) {
        Price price = Price.of(e.askingPrice());
        jdbc.update("""
                INSERT INTO listing_search (listing_id, seller_organisation_id, revision, status, asset_type, readiness_level,
                    title_vi, title_en, summary_vi, summary_en, keywords, ipc_classes, deal_types,
                    price_amount, price_currency, price_on_request)
                VALUES (?, ?, 0, 'DRAFT', ?, ?, ?, ?, ?, ?, ?::text[], ?::text[], ?::text[], ?, ?, ?)
                ON CONFLICT (listing_id) DO NOTHING""",
                e.listingId(), e.sellerOrganisationId(), e.assetType().name(), e.readinessLevel(),
                e.title().vi(), e.title().en(), e.summary().vi(), e.summary().en(),
                array(e.keywords()), array(e.ipcClasses()), dealTypes(e.dealTypes()),
                price.amount, price.currency, price.onRequest);
    }

    @EventHandler
    void on(ListingDraftRevised e) {
        Price price = Price.of(e.askingPrice());
        jdbc.update("""
                UPDATE listing_search SET revision = ?, status = 'DRAFT', asset_type = ?, readiness_level = ?,
                    title_vi = ?, title_en = ?, summary_vi = ?, summary_en = ?, keywords = ?::text[], ipc_classes = ?::text[],
                    deal_types = ?::text[], price_amount = ?, price_currency = ?, price_on_request = ?
                WHERE listing_id = ? AND revision < ?""",
                e.revision(), e.assetType().name(), e.readinessLevel(), e.title().vi(), e.title().en(),
                e.summary().vi(), e.summary().en(), array(e.keywords()), array(e.ipcClasses()),
                dealTypes(e.dealTypes()), price.amount, price.currency, price.onRequest,
                e.listingId(), e.revision());
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
        jdbc.update("UPDATE listing_search SET status = 'PUBLISHED', published_at = COALESCE(published_at, ?) WHERE listing_id = ?",
                java.sql.Timestamp.from(e.publishedAt()), e.listingId());
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
        jdbc.update("DELETE FROM listing_search");
    }

    private void status(String listingId, ListingStatus status) {
        jdbc.update("UPDATE listing_search SET status = ? WHERE listing_id = ?", status.name(), listingId);
    }

    private static String[] array(List<String> values) {
        return values.toArray(String[]::new);
    }

    private static String[] dealTypes(List<DealOption> deals) {
        return deals.stream().map(deal -> deal.dealType().name()).distinct().toArray(String[]::new);
    }

    private record Price(java.math.BigDecimal amount, String currency, boolean onRequest) {
        static Price of(AskingPrice price) {
            if (price == null) {
                return new Price(null, null, false);
            }
            return new Price(price.amount(), price.currency(), price.onRequest());
        }
    }
}
