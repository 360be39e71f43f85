package io.techex.audit.trail;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

/** Reads trails from the audit schema. */
@Repository
class AssetTrails {

    private final JdbcTemplate jdbc;

    AssetTrails(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<AssetTrail> find(String assetId) {
        List<AssetTrail.Entry> entries = jdbc.query("""
                SELECT position, event_id, event_type, source, occurred_at, actor_person, actor_org, actor_role, data::text
                FROM trail_entry WHERE asset_id = ? ORDER BY occurred_at, position""",
                (row, n) -> new AssetTrail.Entry(row.getLong("position"), row.getString("event_id"),
                        row.getString("event_type"), row.getString("source"),
                        row.getTimestamp("occurred_at").toInstant(),
                        row.getString("actor_person") == null ? null : new AssetTrail.Actor(row.getString("actor_person"),
                                row.getString("actor_org"), row.getString("actor_role")),
                        row.getString("data")),
                assetId);
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        AssetTrail.Asset asset = jdbc.query("SELECT seller_organisation_id, title_vi, title_en FROM asset WHERE asset_id = ?",
                        (row, n) -> new AssetTrail.Asset(row.getString(1), row.getString(2), row.getString(3)), assetId)
                .stream().findFirst().orElse(null);
        return Optional.of(new AssetTrail(assetId, asset, entries));
    }
}
