package io.techex.listing.catalogue;

import io.techex.listing.api.CoOwnerConsented;
import io.techex.listing.api.ListingDraftRevised;
import io.techex.listing.api.ListingDrafted;
import io.techex.listing.api.ListingSubmitted;
import io.techex.listing.api.OwnershipRejected;
import io.techex.listing.api.SaleMode;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;

/**
 * The {@link ListingTerms} read model, in the catalogue's processing group so that it follows the same events in the
 * same transactions as {@link ListingCatalogueProjection} and is rebuilt with it. Each statement leaves a replayed
 * event's row as it was: content moves only forward by revision, a consent is added once.
 */
@Component
@ProcessingGroup(ListingCatalogueProjection.PROCESSING_GROUP)
public class ListingTermsProjection {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;

    ListingTermsProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ListingDrafted event) {
        jdbc.update("INSERT INTO listing_terms (listing_id, revision, terms) VALUES (?, 0, ?::jsonb)"
                        + " ON CONFLICT (listing_id) DO NOTHING",
                event.listingId(), json(ListingContent.of(event)));
    }

    /** A revision voids the consents (they were given to other content); the rejection reason stays in view. */
    @EventHandler
    void on(ListingDraftRevised event) {
        jdbc.update("UPDATE listing_terms SET revision = ?, terms = ?::jsonb, consents = '{}'"
                        + " WHERE listing_id = ? AND revision < ?",
                event.revision(), json(ListingContent.of(event)), event.listingId(), event.revision());
    }

    @EventHandler
    void on(SaleModeChosen event) {
        jdbc.update("UPDATE listing_terms SET sale_mode = ? WHERE listing_id = ?", event.saleMode().name(), event.listingId());
    }

    @EventHandler
    void on(OwnershipRejected event) {
        jdbc.update("UPDATE listing_terms SET rejection_reason = ? WHERE listing_id = ?", event.reason(), event.listingId());
    }

    @EventHandler
    void on(ListingSubmitted event) {
        jdbc.update("UPDATE listing_terms SET rejection_reason = NULL WHERE listing_id = ?", event.listingId());
    }

    @EventHandler
    void on(CoOwnerConsented event) {
        jdbc.update("UPDATE listing_terms SET consents = array_append(consents, ?) WHERE listing_id = ? AND revision = ?"
                        + " AND NOT (? = ANY (consents))",
                event.organisationId(), event.listingId(), event.revision(), event.organisationId());
    }

    @ResetHandler
    void beforeReplay() {
        jdbc.update("DELETE FROM listing_terms");
    }

    public Optional<ListingTerms> find(String listingId) {
        return jdbc.query("SELECT * FROM listing_terms WHERE listing_id = ?", ListingTermsProjection::terms, listingId)
                .stream().findFirst();
    }

    private static String json(ListingContent content) {
        return JSON.writeValueAsString(ListingTerms.Written.of(content));
    }

    private static ListingTerms terms(ResultSet row, int rowNumber) throws SQLException {
        ListingTerms.Written written = JSON.readValue(row.getString("terms"), ListingTerms.Written.class);
        String saleMode = row.getString("sale_mode");
        Array consents = row.getArray("consents");
        return new ListingTerms(written.ipTitles(), written.ipcClasses(), written.keywords(), written.dealTypes(),
                written.askingPrice(), written.regulatoryCategory(), written.stateFunded(),
                saleMode == null ? null : SaleMode.valueOf(saleMode), row.getString("rejection_reason"),
                new LinkedHashSet<>(Arrays.asList((String[]) consents.getArray())));
    }
}
