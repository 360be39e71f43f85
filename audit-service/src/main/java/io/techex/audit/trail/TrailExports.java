package io.techex.audit.trail;

import io.techex.audit.log.LogTree;
import io.techex.audit.log.MerkleTree;
import io.techex.audit.log.TreeHead;
import io.techex.audit.log.TreeHeads;
import io.techex.platform.web.RuleViolation;
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
            "occurred_at", "actor_person", "actor_org", "actor_role", "leaf_hash", "audit_path", "canonical");

    private final AssetTrails trails;
    private final TreeHeads heads;
    private final LogTree tree;
    private final JdbcTemplate jdbc;
    private final Clock clock = Clock.systemUTC();

    TrailExports(AssetTrails trails, TreeHeads heads, LogTree tree, JdbcTemplate jdbc) {
        this.trails = trails;
        this.heads = heads;
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
        Map<String, String> canonical = canonicalForms(proven);
        Base64.Encoder base64 = Base64.getEncoder();
        List<TrailExport.Entry> entries = new ArrayList<>(proven.size());
        for (int i = 0; i < proven.size(); i++) {
            AssetTrail.Entry entry = proven.get(i);
            entries.add(new TrailExport.Entry(entry.leafIndex(), entry.eventId(), entry.type(), entry.source(),
                    entry.occurredAt(), entry.actor(), entry.data(), canonical.get(entry.eventId()), entry.leafHash(),
                    paths.get(i).stream().map(base64::encodeToString).toList()));
        }
        return new TrailExport(TrailExport.FORMAT, assetId, clock.instant(),
                new TrailExport.Filters(query.from(), query.to(), query.party(), query.types(), query.asOf()), head,
                trail.entries().size() - proven.size(), entries);
    }

    /** The export as CSV (RFC 4180): one row per entry, the tree head's size and root on every row. */
    String csv(TrailExport export) {
        StringBuilder csv = new StringBuilder(String.join(",", CSV_COLUMNS)).append("\r\n");
        for (TrailExport.Entry entry : export.entries()) {
            List<String> cells = List.of(String.valueOf(export.treeHead().treeSize()), export.treeHead().rootHash(),
                    String.valueOf(entry.leafIndex()), entry.eventId(), entry.type(), entry.source(),
                    entry.occurredAt().toString(),
                    entry.actor() == null ? "" : entry.actor().person(),
                    entry.actor() == null ? "" : entry.actor().organisation(),
                    entry.actor() == null ? "" : entry.actor().role(),
                    entry.leafHash(), String.join(" ", entry.auditPath()), entry.canonical());
            csv.append(String.join(",", cells.stream().map(TrailExports::cell).toList())).append("\r\n");
        }
        return csv.toString();
    }

    private Map<String, String> canonicalForms(List<AssetTrail.Entry> entries) {
        Map<String, String> forms = new HashMap<>();
        if (entries.isEmpty()) {
            return forms;
        }
        jdbc.query("SELECT event_id, canonical FROM trail_entry WHERE event_id = ANY(?)",
                row -> {
                    forms.put(row.getString(1), row.getString(2));
                }, (Object) entries.stream().map(AssetTrail.Entry::eventId).toArray(String[]::new));
        return forms;
    }

    static String cell(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
