package io.techex.audit.trail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.techex.audit.log.AssetHead;
import io.techex.audit.log.AssetHeads;
import io.techex.audit.log.LogEntryForm;
import io.techex.audit.log.LogTree;
import io.techex.audit.log.MerkleTree;
import io.techex.audit.log.TreeHead;
import io.techex.audit.log.TreeHeads;
import io.techex.contracts.EventJson;
import io.techex.platform.rules.RuleViolation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds exports of a trail, proven against a signed tree head, as JSON and as CSV. */
@Component
class TrailExports {

    static final List<String> CSV_COLUMNS = List.of("tree_size", "root_hash", "leaf_index", "event_id", "type", "source",
            "occurred_at", "actor_person", "actor_org", "actor_role", "leaf_hash", "audit_path", "canonical", "asset_head",
            "filters");

    private final AssetTrails trails;
    private final TreeHeads heads;
    private final AssetHeads assetHeads;
    private final LogTree tree;
    private final JdbcTemplate jdbc;
    private final Clock clock = Clock.systemUTC();

    TrailExports(AssetTrails trails, TreeHeads heads, AssetHeads assetHeads, LogTree tree, JdbcTemplate jdbc) {
        this.trails = trails;
        this.heads = heads;
        this.assetHeads = assetHeads;
        this.tree = tree;
        this.jdbc = jdbc;
    }

    /** {@code treeSize} null: the latest signed tree head. */
    TrailExport export(String assetId, TrailQuery query, Long treeSize) {
        TreeHead head = treeSize == null
                ? heads.latest().orElseThrow(() -> RuleViolation.conflict("no-tree-head",
                "No tree head has been signed yet; a regulator may ask for one with POST /audit/log/tree-heads"))
                : heads.ofSize(treeSize).orElseThrow(() -> RuleViolation.invalid("treeSize",
                "no tree head of size " + treeSize + " was signed; see GET /audit/log/tree-heads/latest"));
        AssetTrail trail = trails.find(assetId, query).orElse(new AssetTrail(assetId, null, query.asOf(), null, List.of()));
        List<AssetTrail.Entry> proven = trail.entries().stream()
                .filter(entry -> entry.leafIndex() != null && entry.leafIndex() < head.treeSize())
                // the log's order, which is the order a verifier checks
                .sorted(java.util.Comparator.comparing(AssetTrail.Entry::leafIndex))
                .toList();
        MerkleTree merkle = tree.current();
        List<List<byte[]>> paths = merkle.inclusionProofs(proven.stream().map(AssetTrail.Entry::leafIndex).toList(),
                head.treeSize());
        Map<String, Leaf> leaves = leaves(proven);
        Base64.Encoder base64 = Base64.getEncoder();
        List<TrailExport.Entry> entries = new ArrayList<>(proven.size());
        for (int i = 0; i < proven.size(); i++) {
            AssetTrail.Entry entry = proven.get(i);
            Leaf leaf = leaves.get(entry.eventId());
            entries.add(new TrailExport.Entry(entry.leafIndex(), entry.eventId(), entry.type(), entry.source(),
                    entry.occurredAt(), entry.actor(), entry.data(),
                    LogEntryForm.leaf(leaf.version(), leaf.canonicalEvent(), leaf.assetPrevious()), leaf.version(),
                    leaf.assetPrevious(), entry.leafHash(), paths.get(i).stream().map(base64::encodeToString).toList()));
        }
        return new TrailExport(TrailExport.FORMAT, assetId, clock.instant(),
                new TrailExport.Filters(query.from(), query.to(), query.party(), query.types(), query.asOf()), head,
                assetHeads.sign(assetId, head), trail.entries().size() - proven.size(), entries);
    }

    /**
     * The export as CSV (RFC 4180): one row per entry, the tree head's size and root, the asset head (as JSON) and the
     * filters on every row. An export without entries is the header alone, which proves nothing: the JSON export
     * carries the asset head in any case.
     */
    String csv(TrailExport export) {
        String assetHead = assetHeadJson(export.assetHead());
        StringBuilder csv = new StringBuilder(String.join(",", CSV_COLUMNS)).append("\r\n");
        for (TrailExport.Entry entry : export.entries()) {
            List<String> cells = List.of(String.valueOf(export.treeHead().treeSize()), export.treeHead().rootHash(),
                    String.valueOf(entry.leafIndex()), entry.eventId(), entry.type(), entry.source(),
                    entry.occurredAt().toString(),
                    entry.actor() == null ? "" : entry.actor().person(),
                    entry.actor() == null ? "" : entry.actor().organisation(),
                    entry.actor() == null ? "" : entry.actor().role(),
                    entry.leafHash(), String.join(" ", entry.auditPath()), entry.canonical(), assetHead,
                    filters(export.filters()));
            csv.append(String.join(",", cells.stream().map(TrailExports::cell).toList())).append("\r\n");
        }
        return csv.toString();
    }

    private record Leaf(String canonicalEvent, int version, Long assetPrevious) {
    }

    private Map<String, Leaf> leaves(List<AssetTrail.Entry> entries) {
        Map<String, Leaf> leaves = new HashMap<>();
        if (entries.isEmpty()) {
            return leaves;
        }
        jdbc.query("""
                SELECT t.event_id, t.canonical, l.leaf_version, l.asset_previous
                FROM trail_entry t JOIN log_leaf l ON l.event_id = t.event_id WHERE t.event_id = ANY(?)""",
                row -> {
                    leaves.put(row.getString(1), new Leaf(row.getString(2), row.getInt(3), (Long) row.getObject(4)));
                }, (Object) entries.stream().map(AssetTrail.Entry::eventId).toArray(String[]::new));
        return leaves;
    }

    /** The asset head as the JSON export writes it, for the CSV's {@code asset_head} column. */
    private static String assetHeadJson(AssetHead head) {
        ObjectNode json = EventJson.mapper().createObjectNode()
                .put("assetId", head.assetId())
                .put("treeSize", head.treeSize())
                .put("rootHash", head.rootHash())
                .put("entryCount", head.entryCount())
                .put("latestLeafIndex", head.latestLeafIndex())
                .put("keyId", head.keyId())
                .put("signatureAlgorithm", head.signatureAlgorithm())
                .put("signature", head.signature())
                .put("publicKey", head.publicKey());
        return json.toString();
    }

    /** The filters as a query string, empty when there are none (then the CSV is proven complete). */
    static String filters(TrailExport.Filters filters) {
        List<String> parts = new ArrayList<>();
        if (filters.from() != null) {
            parts.add("from=" + filters.from());
        }
        if (filters.to() != null) {
            parts.add("to=" + filters.to());
        }
        if (filters.party() != null) {
            parts.add("party=" + filters.party());
        }
        if (filters.types() != null) {
            filters.types().forEach(type -> parts.add("type=" + type));
        }
        if (filters.asOf() != null) {
            parts.add("asOf=" + filters.asOf());
        }
        return String.join("&", parts);
    }

    static String cell(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
