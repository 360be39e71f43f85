package io.techex.listing.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.techex.contracts.EventJson;
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

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What the seller wrote in each listing, its latest revision, how it is sold, the operator's latest rejection reason and
 * the co-owners' consents ({@code listing_content}): the part of a listing {@code listing_summary} does not hold. In
 * the catalogue's processing group, so a listing's summary and content are written in the same transaction and read
 * back consistent. Drafts and revisions are few, so each is one statement; a revision only moves forward and a
 * consent is added once, so a replayed event leaves the row as it was.
 */
@Component
@ProcessingGroup(ListingCatalogueProjection.PROCESSING_GROUP)
public class ListingContentProjection {

    /**
     * A listing's content as its latest revision has it, and its sale mode once the seller chose one.
     *
     * @param ownershipRejection the operator's reason while the ownership stands rejected (until the next submission)
     * @param coOwnerConsents    the co-owners that consented to the current revision
     */
    public record Listed(ListingContent content, SaleMode saleMode, String ownershipRejection, Set<String> coOwnerConsents) {
    }

    private final JdbcTemplate jdbc;

    ListingContentProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ListingDrafted event) {
        jdbc.update("INSERT INTO listing_content (listing_id, revision, content) VALUES (?, 0, ?::jsonb) ON CONFLICT (listing_id) DO NOTHING",
                event.listingId(), json(ListingContent.of(event)));
    }

    /** A revision voids the consents (they were given to other content); the rejection reason stays in view. */
    @EventHandler
    void on(ListingDraftRevised event) {
        jdbc.update("UPDATE listing_content SET revision = ?, content = ?::jsonb, consents = '{}' WHERE listing_id = ? AND revision < ?",
                event.revision(), json(ListingContent.of(event)), event.listingId(), event.revision());
    }

    @EventHandler
    void on(SaleModeChosen event) {
        jdbc.update("UPDATE listing_content SET sale_mode = ? WHERE listing_id = ?", event.saleMode().name(), event.listingId());
    }

    @EventHandler
    void on(OwnershipRejected event) {
        jdbc.update("UPDATE listing_content SET rejection_reason = ? WHERE listing_id = ?", event.reason(), event.listingId());
    }

    @EventHandler
    void on(ListingSubmitted event) {
        jdbc.update("UPDATE listing_content SET rejection_reason = NULL WHERE listing_id = ?", event.listingId());
    }

    @EventHandler
    void on(CoOwnerConsented event) {
        jdbc.update("UPDATE listing_content SET consents = array_append(consents, ?) WHERE listing_id = ? AND revision = ?"
                        + " AND NOT (? = ANY (consents))",
                event.organisationId(), event.listingId(), event.revision(), event.organisationId());
    }

    @ResetHandler
    void beforeReplay() {
        jdbc.update("DELETE FROM listing_content");
    }

    public Optional<Listed> find(String listingId) {
        return jdbc.query("SELECT content, sale_mode, rejection_reason, consents FROM listing_content WHERE listing_id = ?",
                (row, n) -> {
                    String saleMode = row.getString("sale_mode");
                    return new Listed(content(row.getString("content")), saleMode == null ? null : SaleMode.valueOf(saleMode),
                            row.getString("rejection_reason"),
                            new LinkedHashSet<>(Arrays.asList((String[]) row.getArray("consents").getArray())));
                }, listingId).stream().findFirst();
    }

    private static String json(ListingContent content) {
        try {
            return EventJson.mapper().writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the content of a listing as JSON", e);
        }
    }

    private static ListingContent content(String json) {
        try {
            return EventJson.mapper().readValue(json, ListingContent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable content in listing_content", e);
        }
    }
}
