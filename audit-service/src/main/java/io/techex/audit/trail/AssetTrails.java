package io.techex.audit.trail;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.contracts.EventJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Reads trails from the audit schema. */
@Repository
public class AssetTrails {

    private final JdbcTemplate jdbc;

    AssetTrails(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AssetTrail> find(String assetId) {
        return find(assetId, TrailQuery.all());
    }

    /** The asset's trail filtered by {@code query}; empty when the asset has no events at all (as of the query's time). */
    public Optional<AssetTrail> find(String assetId, TrailQuery query) {
        StringBuilder sql = new StringBuilder("""
                SELECT t.position, t.event_id, t.event_type, t.source, t.occurred_at, t.actor_person, t.actor_org,
                       t.actor_role, t.data::text, l.leaf_index, l.leaf_hash
                FROM trail_entry t LEFT JOIN log_leaf l ON l.event_id = t.event_id
                WHERE t.asset_id = ?""");
        List<Object> arguments = new ArrayList<>(List.of(assetId));
        if (query.from() != null) {
            sql.append(" AND t.occurred_at >= ?");
            arguments.add(Timestamp.from(query.from()));
        }
        if (query.until() != null) {
            sql.append(" AND t.occurred_at < ?");
            arguments.add(Timestamp.from(query.until()));
        }
        if (query.party() != null) {
            sql.append(" AND t.actor_org = ?");
            arguments.add(query.party());
        }
        if (!query.types().isEmpty()) {
            // the name is the fourth part of io.techex.<service>.<Name>.v<N>
            sql.append(" AND (t.event_type = ANY(?) OR split_part(t.event_type, '.', 4) = ANY(?))");
            String[] types = query.types().toArray(String[]::new);
            arguments.add(types);
            arguments.add(types);
        }
        sql.append(" ORDER BY t.occurred_at, t.position");
        List<AssetTrail.Entry> entries = jdbc.query(sql.toString(),
                (row, n) -> new AssetTrail.Entry(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getTimestamp(5).toInstant(),
                        row.getString(6) == null ? null : new AssetTrail.Actor(row.getString(6), row.getString(7), row.getString(8)),
                        row.getString(9), (Long) row.getObject(10),
                        row.getBytes(11) == null ? null : Base64.getEncoder().encodeToString(row.getBytes(11))),
                arguments.toArray());
        if (entries.isEmpty() && !exists(assetId, query)) {
            return Optional.empty();
        }
        return Optional.of(new AssetTrail(assetId, headline(assetId, query), query.asOf(), latestTreeHeadSize(query), entries));
    }

    private boolean exists(String assetId, TrailQuery query) {
        if (query.asOf() == null) {
            return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM trail_entry WHERE asset_id = ?)",
                    Boolean.class, assetId));
        }
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM trail_entry WHERE asset_id = ? AND occurred_at <= ?)",
                Boolean.class, assetId, Timestamp.from(query.asOf())));
    }

    /**
     * Now: the asset table the recorder keeps. As of a past instant: rebuilt from the listing events up to then, so
     * the title is the one the asset had at that time.
     */
    private AssetTrail.Asset headline(String assetId, TrailQuery query) {
        if (query.asOf() == null) {
            return jdbc.query("SELECT seller_organisation_id, title_vi, title_en FROM asset WHERE asset_id = ?",
                            (row, n) -> new AssetTrail.Asset(row.getString(1), row.getString(2), row.getString(3)), assetId)
                    .stream().findFirst().orElse(null);
        }
        List<String> listingEvents = jdbc.queryForList("""
                SELECT data::text FROM trail_entry
                WHERE asset_id = ? AND occurred_at <= ? AND event_type IN (?, ?)
                ORDER BY occurred_at, position""", String.class, assetId, Timestamp.from(query.asOf()),
                TrailRecorder.LISTING_DRAFTED, TrailRecorder.LISTING_DRAFT_REVISED);
        AssetTrail.Asset asset = null;
        for (String data : listingEvents) {
            JsonNode json = read(data);
            String seller = json.hasNonNull("sellerOrganisationId") ? json.get("sellerOrganisationId").asText()
                    : asset == null ? null : asset.sellerOrganisationId();
            asset = new AssetTrail.Asset(seller, json.path("title").path("vi").asText(null),
                    json.path("title").path("en").asText(null));
        }
        return asset;
    }

    private Long latestTreeHeadSize(TrailQuery query) {
        List<Long> sizes = query.asOf() == null
                ? jdbc.queryForList("SELECT max(tree_size) FROM tree_head", Long.class)
                : jdbc.queryForList("SELECT max(tree_size) FROM tree_head WHERE signed_at <= ?", Long.class,
                Timestamp.from(query.asOf()));
        return sizes.isEmpty() ? null : sizes.getFirst();
    }

    private static JsonNode read(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
