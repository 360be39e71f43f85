package io.techex.listing.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.techex.contracts.EventJson;
import io.techex.listing.api.CoOwnerConsented;
import io.techex.listing.api.ListingDraftRevised;
import io.techex.listing.api.ListingDrafted;
import io.techex.listing.api.ListingSubmitted;
import io.techex.listing.api.OwnershipRejected;
import io.techex.listing.api.SaleMode;
import io.techex.listing.projection.BatchedRows;
import io.techex.listing.projection.RowsForUpdate;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What the seller wrote in each listing, its latest revision, how it is sold, the operator's latest rejection reason and
 * the co-owners' consents ({@code listing_content}): the part of a listing {@code listing_summary} does not hold. In
 * the catalogue's processing group, so a listing's summary and content are written in the same transaction and read
 * back consistent.
 *
 * <p>Handlers do not write: a statement for each draft, sale mode and submission was most of a catalogue replay's
 * time. They add a change to the batch ({@link BatchedRows}), which writes each listing's row once. The changes do what
 * the statements did: a draft inserts a listing not there yet, a revision only moves forward, a consent is added once,
 * and the others set a field of a listing that exists; so a replayed event leaves the row as it was.
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

    private static final ObjectWriter CONTENT_WRITER = EventJson.mapper().writerFor(ListingContent.class);

    private static final String UPSERT = """
            INSERT INTO listing_content (listing_id, revision, content, sale_mode, rejection_reason, consents)
            VALUES (?, ?, ?::json, ?, ?, ?::text[])
            ON CONFLICT (listing_id) DO UPDATE SET revision = EXCLUDED.revision, content = EXCLUDED.content,
                sale_mode = EXCLUDED.sale_mode, rejection_reason = EXCLUDED.rejection_reason, consents = EXCLUDED.consents""";

    private final JdbcTemplate jdbc;
    private final BatchedRows<Row> rows;

    ListingContentProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.rows = new BatchedRows<>(ListingContentProjection.class, new BatchedRows.Table<>() {
            @Override
            public Map<String, Row> readForUpdate(Set<String> ids) {
                return RowsForUpdate.read(jdbc, """
                                SELECT listing_id, revision, content, sale_mode, rejection_reason, consents
                                FROM listing_content WHERE listing_id = ANY (?) FOR UPDATE""",
                        ListingContentProjection::row, Row::listingId, ids);
            }

            @Override
            public void write(List<Row> changed) {
                jdbc.batchUpdate(UPSERT, changed, changed.size(), (statement, row) -> {
                    statement.setString(1, row.listingId());
                    statement.setInt(2, row.revision());
                    statement.setString(3, row.content());
                    statement.setString(4, row.saleMode());
                    statement.setString(5, row.rejectionReason());
                    statement.setObject(6, row.consents().toArray(String[]::new));
                });
            }
        });
    }

    @EventHandler
    void on(ListingDrafted event) {
        change(event.listingId(), row -> row != null ? row
                : new Row(event.listingId(), 0, json(ListingContent.of(event)), null, null, List.of()));
    }

    /** A revision voids the consents (they were given to other content); the rejection reason stays in view. */
    @EventHandler
    void on(ListingDraftRevised event) {
        change(event.listingId(), row -> row == null || row.revision() >= event.revision() ? row
                : new Row(row.listingId(), event.revision(), json(ListingContent.of(event)), row.saleMode(),
                        row.rejectionReason(), List.of()));
    }

    @EventHandler
    void on(SaleModeChosen event) {
        change(event.listingId(), row -> row == null ? null : new Row(row.listingId(), row.revision(), row.content(),
                event.saleMode().name(), row.rejectionReason(), row.consents()));
    }

    @EventHandler
    void on(OwnershipRejected event) {
        change(event.listingId(), row -> row == null ? null : row.withRejection(event.reason()));
    }

    @EventHandler
    void on(ListingSubmitted event) {
        change(event.listingId(), row -> row == null ? null : row.withRejection(null));
    }

    @EventHandler
    void on(CoOwnerConsented event) {
        change(event.listingId(), row -> {
            if (row == null || row.revision() != event.revision() || row.consents().contains(event.organisationId())) {
                return row;
            }
            List<String> consents = new ArrayList<>(row.consents());
            consents.add(event.organisationId());
            return new Row(row.listingId(), row.revision(), row.content(), row.saleMode(), row.rejectionReason(),
                    List.copyOf(consents));
        });
    }

    @ResetHandler
    void beforeReplay() {
        // not DELETE, whose dead rows the replay's reads then wade through (V23)
        jdbc.update("TRUNCATE listing_content");
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

    private void change(String listingId, UnaryOperator<Row> change) {
        rows.change(listingId, change);
    }

    private static Row row(ResultSet row, int rowNumber) throws SQLException {
        return new Row(row.getString("listing_id"), row.getInt("revision"), row.getString("content"),
                row.getString("sale_mode"), row.getString("rejection_reason"),
                List.of((String[]) row.getArray("consents").getArray()));
    }

    private static String json(ListingContent content) {
        try {
            return CONTENT_WRITER.writeValueAsString(content);
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

    /**
     * A row of {@code listing_content}; the content as JSON, as read back or as about to be written (the column keeps
     * the text as written, V24). A content only changes with its revision, so an unchanged row compares equal to what
     * was read.
     */
    private record Row(String listingId, int revision, String content, String saleMode, String rejectionReason,
                       List<String> consents) {

        Row withRejection(String reason) {
            return new Row(listingId, revision, content, saleMode, reason, consents);
        }
    }
}
