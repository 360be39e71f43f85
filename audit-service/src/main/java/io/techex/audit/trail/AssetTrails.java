package io.techex.audit.trail;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.contracts.EventJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads trails from the audit schema. */
@Repository
public class AssetTrails {

    /** Rows fetched a time when a trail is read through a cursor. */
    static final int FETCH_SIZE = 500;

    /**
     * The asset's part of its trail's version: how many entries it has and its newest leaf, each one row read by key
     * (V14 keeps the count as the entries are added; counting them read the whole trail before every answer).
     */
    static final String VERSION = """
            SELECT (SELECT entries FROM trail_asset_size WHERE asset_id = ?) || '.'
                || coalesce((SELECT leaf_index FROM log_asset_latest WHERE asset_id = ?)::text, '-')""";

    private final JdbcTemplate jdbc;
    private final JdbcTemplate cursor;
    private final TransactionTemplate transactions;

    AssetTrails(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.cursor = new JdbcTemplate(jdbc.getDataSource());
        this.cursor.setFetchSize(FETCH_SIZE);
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setReadOnly(true);
        // the leaves and the entries from one snapshot (the trail's endpoint runs it in a repeatable read of its own)
        this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    public Optional<AssetTrail> find(String assetId) {
        return find(assetId, TrailQuery.all());
    }

    /** The asset's trail filtered by {@code query}; empty when the asset has no events at all (as of the query's time). */
    public Optional<AssetTrail> find(String assetId, TrailQuery query) {
        List<AssetTrail.Entry> entries = new ArrayList<>();
        forEachEntry(assetId, query, entries::add);
        if (entries.isEmpty() && !exists(assetId, query)) {
            return Optional.empty();
        }
        return Optional.of(new AssetTrail(assetId, headline(assetId, query), query.asOf(), latestTreeHeadSize(query), entries));
    }

    /**
     * Everything of the trail but its entries, and the version of the trail the read sees; empty when the asset has no
     * events at all (as of the query's time). Read in the same transaction as the entries, the version names exactly
     * the answer: the trail only grows, so how many entries it has, the asset's newest leaf (entries get their leaves
     * later, always newer than the asset's previous ones) and the newest tree head say everything that can change it.
     * The count, not the newest position: entries recorded by concurrent transactions commit out of their positions'
     * order, and one committed after a higher position was visible leaves the highest position as it was.
     */
    public Optional<Head> head(String assetId, TrailQuery query) {
        if (!exists(assetId, query)) {
            return Optional.empty();
        }
        Long treeSize = latestTreeHeadSize(query);
        String version = jdbc.queryForObject(VERSION, String.class, assetId, assetId)
                + "." + (treeSize == null ? "-" : treeSize);
        return Optional.of(new Head(headline(assetId, query), treeSize, version));
    }

    /**
     * The trail's entries in order, handed over one by one as the database sends them, a few hundred rows at a time:
     * in a transaction (the PostgreSQL driver only fetches in parts without autocommit), the whole trail is never in
     * memory.
     */
    public void forEachEntry(String assetId, TrailQuery query, Consumer<AssetTrail.Entry> entries) {
        Base64.Encoder base64 = Base64.getEncoder();
        forEachStoredEntry(assetId, query, entry -> entries.accept(new AssetTrail.Entry(entry.position(), entry.eventId(),
                text(entry.type()), text(entry.source()), Instant.parse(new String(entry.occurredAt(), StandardCharsets.US_ASCII)),
                entry.actor() == null ? null : new AssetTrail.Actor(text(entry.actor().person()),
                        text(entry.actor().organisation()), text(entry.actor().role())),
                text(entry.data()), entry.leafIndex(), entry.leafHash() == null ? null : base64.encodeToString(entry.leafHash()))));
    }

    /**
     * The same entries as {@link #forEachEntry}, their texts (the event data's JSON included) as the UTF-8 the database
     * sent, the time as {@link Instant#toString()}'s text and the leaf hash as bytes: for writing them out again as they
     * are, with nothing decoded. Decoding the strings to encode them again, the driver's parse of each timestamp and the
     * arithmetic to print it were a fifth of a long trail's Java time (TrailReadBenchmark, 2026-12-07: 20 ms of the
     * reading thread's CPU for 10,000 entries, 26 before).
     */
    public void forEachStoredEntry(String assetId, TrailQuery query, Consumer<StoredEntry> entries) {
        StringBuilder sql = new StringBuilder("""
                SELECT t.position, t.event_id, t.event_type, t.source, (t.occurred_at AT TIME ZONE 'UTC')::text, t.actor_person,
                       t.actor_org, t.actor_role, t.data::text
                FROM trail_entry t
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
        transactions.executeWithoutResult(status -> {
            // In the order of trail_entry_asset (asset, time, position), which is the trail's order: the rows go out as
            // they are read, a few hundred at a time, instead of after a sort of the whole trail (MBs for 10,000 events).
            // The planner, guessing a few rows per asset, took a bitmap scan and a sort.
            cursor.execute("SET LOCAL enable_sort = off");
            // The asset's leaves first, one range of log_asset_leaf's index (V11), then matched to the entries here: a
            // lookup per entry in the whole log's index was half of the database's time for a long trail. The map
            // holds the asset's leaves only (about 100 bytes each), not its entries.
            Map<String, Leaf> leaves = new HashMap<>();
            cursor.query("SELECT event_id, leaf_index, leaf_hash FROM log_asset_leaf WHERE asset_id = ?",
                    (RowCallbackHandler) row -> leaves.put(row.getString(1), new Leaf(row.getLong(2), row.getBytes(3))), assetId);
            cursor.query(sql.toString(), (RowCallbackHandler) row -> {
                // getBytes of a text column: the driver's UTF-8 bytes as received (client_encoding is UTF8)
                byte[] person = row.getBytes(6);
                String eventId = row.getString(2);
                Leaf leaf = leaves.get(eventId);
                // as text, which the driver hands over as sent: a timestamp comes in binary once the statement is
                // prepared on the server, and is then parsed into objects to be printed again
                entries.accept(new StoredEntry(row.getLong(1), eventId, row.getBytes(3), row.getBytes(4),
                        InstantText.ofUtcTimestamp(row.getBytes(5)),
                        person == null ? null : new StoredActor(person, row.getBytes(7), row.getBytes(8)),
                        row.getBytes(9), leaf == null ? null : leaf.index(), leaf == null ? null : leaf.hash()));
            }, arguments.toArray());
        });
    }

    private record Leaf(long index, byte[] hash) {
    }

    private static String text(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /**
     * An entry as stored: {@link AssetTrail.Entry} before its texts are decoded and its leaf hash encoded.
     *
     * @param type       UTF-8, as the other texts
     * @param occurredAt {@link Instant#toString()}'s text in ASCII
     * @param data       the event's data, JSON in UTF-8
     * @param leafHash   the 32 bytes of the leaf hash, null before the entry has a leaf
     */
    public record StoredEntry(long position, String eventId, byte[] type, byte[] source, byte[] occurredAt,
                              StoredActor actor, byte[] data, Long leafIndex, byte[] leafHash) {
    }

    /** {@link AssetTrail.Actor} as stored, in UTF-8. */
    public record StoredActor(byte[] person, byte[] organisation, byte[] role) {
    }

    /**
     * The parts of a trail before its entries.
     *
     * @param version what the read saw of the asset's trail, its leaves and the log's tree heads: the same version, the
     *                same answer to the same question
     */
    public record Head(AssetTrail.Asset asset, Long latestTreeHeadSize, String version) {
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
