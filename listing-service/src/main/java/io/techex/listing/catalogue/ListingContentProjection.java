package io.techex.listing.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.techex.contracts.EventJson;
import io.techex.listing.api.ListingDraftRevised;
import io.techex.listing.api.ListingDrafted;
import io.techex.listing.api.SaleMode;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * What the seller wrote in each listing, its latest revision, and how it is sold ({@code listing_content}): the part of
 * a listing {@code listing_summary} does not hold. In the catalogue's processing group, so a listing's summary and
 * content are written in the same transaction and read back consistent. Drafts and revisions are few, so each is one
 * statement; a revision only moves forward, so a replayed event leaves the row as it was.
 */
@Component
@ProcessingGroup(ListingCatalogueProjection.PROCESSING_GROUP)
public class ListingContentProjection {

    /** A listing's content as its latest revision has it, and its sale mode once the seller chose one. */
    public record Listed(ListingContent content, SaleMode saleMode) {
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

    @EventHandler
    void on(ListingDraftRevised event) {
        jdbc.update("UPDATE listing_content SET revision = ?, content = ?::jsonb WHERE listing_id = ? AND revision < ?",
                event.revision(), json(ListingContent.of(event)), event.listingId(), event.revision());
    }

    @EventHandler
    void on(SaleModeChosen event) {
        jdbc.update("UPDATE listing_content SET sale_mode = ? WHERE listing_id = ?", event.saleMode().name(), event.listingId());
    }

    @ResetHandler
    void beforeReplay() {
        jdbc.update("DELETE FROM listing_content");
    }

    public Optional<Listed> find(String listingId) {
        return jdbc.query("SELECT content, sale_mode FROM listing_content WHERE listing_id = ?", (row, n) -> {
            String saleMode = row.getString("sale_mode");
            return new Listed(content(row.getString("content")), saleMode == null ? null : SaleMode.valueOf(saleMode));
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
