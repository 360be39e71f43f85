package io.techex.audit.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.techex.audit.log.AssetHeadSignature;
import io.techex.audit.log.CanonicalJson;
import io.techex.audit.log.Rfc9162;
import io.techex.audit.log.TreeHeadSignature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline verifier: checks an export of a trail (JSON or CSV, from {@code GET /audit/assets/{id}/export}) against
 * a signed tree head the auditor obtained independently (from {@code GET /audit/log/tree-heads/{size}}, or a
 * {@code TreeHeadSigned} event kept from {@code techex.audit.events}), trusting nothing else the exchange says:
 * <ol>
 *   <li>the tree head given, and the one the export carries: each key is the one its {@code keyId} names (and one of
 *       the pinned keys, when given), each Ed25519 signature is valid, and both are the same tree (size and root);</li>
 *   <li>every entry: its leaf hash is SHA-256(0x00 || its leaf), its audit path leads to the signed root
 *       (RFC 9162 §2.1.3.2), the readable fields say what the leaf says, it is about the exported asset, and the
 *       entries are in the log's order without repeats;</li>
 *   <li>completeness, for an export without filters: the asset head (the log's signed word on how many leaves of the
 *       asset the tree has and which is the newest) is signed by the tree head's key or a pinned one, its newest leaf
 *       is the export's last entry, its count is the export's, and every entry names the one before it as the asset's
 *       previous leaf (the first one none). A missing entry is named by its leaf index. A filtered export is said to
 *       be unproven, not failed.</li>
 * </ol>
 * Prints {@code OK: ...} and exits 0; {@code FAILED: <the first thing that is wrong>} and exits 1; a usage line or
 * {@code ERROR: <what cannot be read>} and exits 2.
 * <pre>
 *   ./mvnw -q -pl audit-service exec:java -Dexec.args="trail.json treehead.json [log-public-keys.pem]"
 * </pre>
 * The pinned key file holds one or more {@code PUBLIC KEY} PEM blocks (after a key rotation: the old and the new).
 * Depends on the JDK and Jackson only. {@code audit-service/LOG.md} describes what it checks for verifiers written
 * elsewhere.
 */
public final class VerifyExport {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int UNREADABLE = 2;

    /** The outcome: the exit code ({@link #OK}, {@link #FAILED}, {@link #UNREADABLE}) and the message to print. */
    public record Result(int exitCode, String message) {

        public boolean ok() {
            return exitCode == OK;
        }

        static Result failed(String message) {
            return new Result(FAILED, "FAILED: " + message);
        }

        static Result unreadable(String message) {
            return new Result(UNREADABLE, "ERROR: " + message);
        }
    }

    static final String FORMAT_1 = "techex-audit-export/1";
    static final String FORMAT_2 = "techex-audit-export/2";
    static final List<String> CSV_COLUMNS = List.of("tree_size", "root_hash", "leaf_index", "event_id", "type", "source",
            "occurred_at", "actor_person", "actor_org", "actor_role", "leaf_hash", "audit_path", "canonical");

    /** Exact decimals, so that data is compared digit for digit (through its canonical form). */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Pattern PEM = Pattern.compile("-----BEGIN PUBLIC KEY-----([^-]+)-----END PUBLIC KEY-----");

    private VerifyExport() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: VerifyExport <export.json|export.csv> <treehead.json> [log-public-keys.pem]");
            System.err.println("exit codes: 0 verified, 1 verification failed, 2 usage or unreadable input");
            System.exit(UNREADABLE);
        }
        Result result = verify(Path.of(args[0]), Path.of(args[1]), args.length == 3 ? Path.of(args[2]) : null);
        (result.exitCode() == UNREADABLE ? System.err : System.out).println(result.message());
        System.exit(result.exitCode());
    }

    public static Result verify(Path export, Path treeHead, Path pinnedKeys) {
        Head head;
        List<byte[]> pinned;
        String text;
        try {
            head = readHead(readJson(treeHead), treeHead.toString());
            pinned = pinnedKeys == null ? List.of() : readPublicKeys(pinnedKeys);
            text = Files.readString(export, StandardCharsets.UTF_8);
        } catch (Unreadable e) {
            return Result.unreadable(e.getMessage());
        } catch (IOException e) {
            return Result.unreadable("cannot read " + export + ": " + why(e));
        }
        String headProblem = head.problem(pinned);
        if (headProblem != null) {
            return Result.failed("tree head " + treeHead + ": " + headProblem);
        }
        try {
            Checked checked = text.stripLeading().startsWith("{") ? checkJson(parse(text, export), head, pinned)
                    : checkCsv(text, head, pinned);
            if (checked.problem() != null) {
                return Result.failed(checked.problem());
            }
            return new Result(OK, "OK: " + checked.entries() + " entr" + (checked.entries() == 1 ? "y" : "ies")
                    + (checked.assetId() == null ? "" : " of asset " + checked.assetId())
                    + " verified against the tree head of size " + head.treeSize + " (root " + head.rootHash
                    + ") signed by key " + head.keyId + " at " + head.timestamp + "; " + checked.completeness()
                    + (checked.pending() == null ? "" : "; " + checked.pending() + " entr"
                    + (checked.pending() == 1 ? "y" : "ies") + " pending (not yet in the log)"));
        } catch (Unreadable e) {
            return Result.unreadable(e.getMessage());
        }
    }

    /** What the export holds, if it verifies: its asset, how many entries, what is proven of its completeness. */
    private record Checked(String assetId, int entries, String problem, String completeness, Long pending) {

        static Checked problem(String assetId, int entries, String problem) {
            return new Checked(assetId, entries, problem, null, null);
        }
    }

    /** What an entry's leaf says about its place in the asset's chain. */
    private record Link(long leafIndex, int leafVersion, Long assetPrevious) {
    }

    private static Checked checkJson(JsonNode export, Head head, List<byte[]> pinned) {
        String format = export.path("format").asText();
        if (!FORMAT_2.equals(format) && !FORMAT_1.equals(format)) {
            throw new Unreadable("not a TechEx audit export (format " + export.path("format") + ")");
        }
        String assetId = export.path("assetId").asText(null);
        Head proven;
        try {
            proven = readHead(export.path("treeHead"), "the export's tree head");
        } catch (Unreadable e) {
            return Checked.problem(assetId, 0, e.getMessage());
        }
        String provenProblem = proven.problem(pinned.isEmpty() ? List.of(head.publicKeyBytes()) : pinned);
        if (provenProblem != null) {
            return Checked.problem(assetId, 0, "the export's tree head: " + provenProblem);
        }
        if (proven.treeSize != head.treeSize || !proven.rootHash.equals(head.rootHash)) {
            return Checked.problem(assetId, 0, "the export is proven against the tree of size " + proven.treeSize + " (root "
                    + proven.rootHash + "), the tree head given is of size " + head.treeSize + " (root " + head.rootHash
                    + "); export again with treeSize=" + head.treeSize);
        }
        long previous = -1;
        int n = 0;
        List<Link> links = new ArrayList<>();
        for (JsonNode entry : export.path("entries")) {
            n++;
            String at = "entry " + n + " (event " + entry.path("eventId").asText() + ", leaf " + entry.path("leafIndex").asText() + ")";
            Map<String, String> shown = new HashMap<>();
            shown.put("id", entry.path("eventId").asText());
            shown.put("type", entry.path("type").asText());
            shown.put("source", entry.path("source").asText());
            shown.put("time", entry.path("occurredAt").asText());
            JsonNode actor = entry.path("actor");
            shown.put("actorperson", actor.path("person").asText(null));
            shown.put("actororg", actor.path("organisation").asText(null));
            shown.put("actorrole", actor.path("role").asText(null));
            long leafIndex = entry.path("leafIndex").asLong(-1);
            Leaf leaf = new Leaf();
            String problem = checkEntry(leafIndex, previous, entry.path("canonical").asText(null),
                    entry.path("leafHash").asText(), texts(entry.path("auditPath")), shown, assetId,
                    entry.has("data") ? entry.get("data") : null, head, leaf);
            if (problem == null && entry.has("leafVersion") && entry.get("leafVersion").asInt() != leaf.version) {
                problem = "shows leaf format " + entry.get("leafVersion").asText() + " but its leaf is format " + leaf.version;
            }
            if (problem == null && entry.has("assetPrevious") && !sameIndex(entry.get("assetPrevious"), leaf.assetPrevious)) {
                problem = "shows the asset's previous entry at leaf " + entry.get("assetPrevious").asText()
                        + " but its leaf says " + leaf.assetPrevious;
            }
            if (problem != null) {
                return Checked.problem(assetId, n, at + ": " + problem);
            }
            links.add(new Link(leafIndex, leaf.version, leaf.assetPrevious));
            previous = leafIndex;
        }
        Long pending = export.hasNonNull("pendingEntries") ? export.get("pendingEntries").asLong() : null;
        if (FORMAT_1.equals(format)) {
            return new Checked(assetId, n, null, "not proven complete (export format 1 predates the asset head"
                    + " and back-links; export again)", pending);
        }
        return completeness(assetId, links, export.path("assetHead"), filters(export.path("filters")), head, pinned, pending);
    }

    private static Checked checkCsv(String csv, Head head, List<byte[]> pinned) {
        List<List<String>> rows = Csv.parse(csv);
        if (rows.isEmpty()) {
            throw new Unreadable("the CSV export is empty, not even a header");
        }
        List<String> header = rows.getFirst();
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            column.put(header.get(i), i);
        }
        for (String required : CSV_COLUMNS) {
            if (!column.containsKey(required)) {
                throw new Unreadable("the CSV export has no column " + required);
            }
        }
        if (rows.size() == 1) {
            return Checked.problem(null, 0, "the CSV export has no entries, so nothing in it shows what the log holds for"
                    + " the asset; verify the JSON export, which carries the asset head in any case");
        }
        boolean withAssetHead = column.containsKey("asset_head") && column.containsKey("filters");
        long previous = -1;
        String assetId = null;
        List<Link> links = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            String at = "row " + (r + 1) + " (event " + cell(row, column, "event_id") + ", leaf " + cell(row, column, "leaf_index") + ")";
            if (row.size() != header.size()) {
                return Checked.problem(assetId, r, at + ": has " + row.size() + " cells, the header " + header.size());
            }
            if (!cell(row, column, "tree_size").equals(String.valueOf(head.treeSize))
                    || !cell(row, column, "root_hash").equals(head.rootHash)) {
                return Checked.problem(assetId, r, at + ": is proven against the tree of size " + cell(row, column, "tree_size")
                        + ", the tree head given is of size " + head.treeSize + " (root " + head.rootHash + ")");
            }
            if (withAssetHead && r > 1 && (!cell(row, column, "asset_head").equals(cell(rows.get(1), column, "asset_head"))
                    || !cell(row, column, "filters").equals(cell(rows.get(1), column, "filters")))) {
                return Checked.problem(assetId, r, at + ": its asset_head or filters differ from the first row's");
            }
            Map<String, String> shown = new HashMap<>();
            shown.put("id", cell(row, column, "event_id"));
            shown.put("type", cell(row, column, "type"));
            shown.put("source", cell(row, column, "source"));
            shown.put("time", cell(row, column, "occurred_at"));
            shown.put("actorperson", blankToNull(cell(row, column, "actor_person")));
            shown.put("actororg", blankToNull(cell(row, column, "actor_org")));
            shown.put("actorrole", blankToNull(cell(row, column, "actor_role")));
            String path = cell(row, column, "audit_path");
            long index;
            try {
                index = Long.parseLong(cell(row, column, "leaf_index"));
            } catch (NumberFormatException e) {
                return Checked.problem(assetId, r, at + ": leaf_index is not a number");
            }
            Leaf leaf = new Leaf();
            String problem = checkEntry(index, previous, cell(row, column, "canonical"), cell(row, column, "leaf_hash"),
                    path.isBlank() ? List.of() : Arrays.asList(path.split(" ")), shown, assetId, null, head, leaf);
            if (problem != null) {
                return Checked.problem(assetId, r, at + ": " + problem);
            }
            if (assetId == null) {
                assetId = leaf.subject;
            }
            links.add(new Link(index, leaf.version, leaf.assetPrevious));
            previous = index;
        }
        if (!withAssetHead) {
            return new Checked(assetId, rows.size() - 1, null, "not proven complete (the CSV has no asset_head column;"
                    + " export again)", null);
        }
        JsonNode assetHead;
        try {
            assetHead = JSON.readTree(cell(rows.get(1), column, "asset_head"));
        } catch (JsonProcessingException e) {
            return Checked.problem(assetId, 0, "the asset_head column is not JSON");
        }
        String filters = cell(rows.get(1), column, "filters");
        return completeness(assetId, links, assetHead, filters.isBlank() ? null : filters, head, pinned, null);
    }

    /**
     * Whether {@code links} are all the asset's leaves in the tree: the first thing missing, named by its leaf index,
     * or what is proven.
     */
    private static Checked completeness(String assetId, List<Link> links, JsonNode assetHead, String filters, Head head,
                                        List<byte[]> pinned, Long pending) {
        int n = links.size();
        if (assetHead == null || !assetHead.isObject()) {
            return Checked.problem(assetId, n, "the export carries no asset head, the log's signed word on the asset's"
                    + " entries");
        }
        String problem = assetHeadProblem(assetHead, assetId, head, pinned);
        if (problem != null) {
            return Checked.problem(assetId, n, "the asset head " + problem);
        }
        long count = assetHead.path("entryCount").asLong();
        Long latest = assetHead.hasNonNull("latestLeafIndex") ? assetHead.get("latestLeafIndex").asLong() : null;
        String signed = "the log signed that asset " + assetId + " has " + count + " entr" + (count == 1 ? "y" : "ies")
                + " in the tree of size " + head.treeSize + (latest == null ? "" : ", the newest at leaf " + latest);
        if (filters != null) {
            return new Checked(assetId, n, null, "not proven complete: the export is filtered (" + filters + "), and " + signed
                    + "; export without filters to prove completeness", pending);
        }
        for (int i = 0; i < n; i++) {
            Link link = links.get(i);
            Link before = i == 0 ? null : links.get(i - 1);
            String at = "entry " + (i + 1) + " (leaf " + link.leafIndex() + ")";
            if (link.leafVersion() == 1) {
                if (before != null && before.leafVersion() != 1) {
                    return Checked.problem(assetId, n, at + " has a format 1 leaf after a format 2 one: the log"
                            + " wrote format 2 from one leaf on");
                }
                // leaves from before back-links: the signed count below covers them
                continue;
            }
            Long expected = before == null ? null : before.leafIndex();
            Long named = link.assetPrevious();
            if (named == null && expected == null) {
                continue;
            }
            if (named == null) {
                return Checked.problem(assetId, n, at + " is the asset's first entry by its leaf, yet the export has leaf "
                        + expected + " of the asset before it");
            }
            if (expected == null || named > expected) {
                return Checked.problem(assetId, n, "the asset's entry at leaf " + named + " is missing: " + at
                        + " names it as the asset's previous entry, and the export has "
                        + (expected == null ? "nothing before it" : "leaf " + expected + " before it"));
            }
            if (named < expected) {
                return Checked.problem(assetId, n, at + " names leaf " + named + " as the asset's previous entry, yet the"
                        + " export has leaf " + expected + " of the asset between them");
            }
        }
        Long last = n == 0 ? null : links.getLast().leafIndex();
        if (latest != null && (last == null || latest > last)) {
            return Checked.problem(assetId, n, "the asset's newest entry at leaf " + latest + " is missing: " + signed
                    + ", and the export " + (last == null ? "has no entries" : "ends at leaf " + last));
        }
        if (last != null && (latest == null || latest < last)) {
            return Checked.problem(assetId, n, "the asset head says " + (latest == null ? "the asset has no entries"
                    : "the newest entry is leaf " + latest) + ", yet the export has leaf " + last + " of the asset");
        }
        long legacy = links.stream().filter(link -> link.leafVersion() == 1).count();
        if (count != n) {
            if (legacy > 0 && count > n) {
                String before = links.stream().filter(link -> link.leafVersion() != 1).findFirst()
                        .map(link -> ", before leaf " + link.leafIndex()).orElse("");
                return Checked.problem(assetId, n, (count - n) + " of the asset's entries recorded before back-links"
                        + " (leaf format 1" + before + ") " + (count - n == 1 ? "is" : "are") + " missing: " + signed
                        + ", and the export has " + n);
            }
            return Checked.problem(assetId, n, "the asset head counts " + count + " entries, yet the export's chain from"
                    + " the newest one has " + n + ": the log contradicts its own leaves");
        }
        String chain = legacy == 0 ? "each entry names the one before it"
                : legacy == n ? "its entries, recorded before back-links (leaf format 1), are all there by that count"
                : "its first " + legacy + " entries, recorded before back-links (leaf format 1), are all there by that"
                + " count, and each later one names the one before it";
        return new Checked(assetId, n, null, "complete: " + signed + ", and " + chain, pending);
    }

    private static String assetHeadProblem(JsonNode assetHead, String assetId, Head head, List<byte[]> pinned) {
        for (String field : List.of("assetId", "treeSize", "rootHash", "entryCount", "keyId", "signature", "publicKey")) {
            if (!assetHead.hasNonNull(field)) {
                return "has no " + field;
            }
        }
        if (!assetHead.get("assetId").asText().equals(assetId)) {
            return "is about asset " + assetHead.get("assetId").asText() + ", not " + assetId;
        }
        if (assetHead.get("treeSize").asLong() != head.treeSize || !assetHead.get("rootHash").asText().equals(head.rootHash)) {
            return "is about the tree of size " + assetHead.get("treeSize").asText() + ", not the one of size " + head.treeSize;
        }
        byte[] key;
        byte[] signature;
        byte[] root;
        try {
            key = Base64.getDecoder().decode(assetHead.get("publicKey").asText());
            signature = Base64.getDecoder().decode(assetHead.get("signature").asText());
            root = Base64.getDecoder().decode(head.rootHash);
        } catch (IllegalArgumentException e) {
            return "has a key or signature that is not base64";
        }
        if (!TreeHeadSignature.keyId(key).equals(assetHead.get("keyId").asText())) {
            return "has a keyId that is not the SHA-256 of its public key";
        }
        boolean trusted = pinned.isEmpty() ? Arrays.equals(key, head.publicKeyBytes())
                : pinned.stream().anyMatch(p -> Arrays.equals(p, key));
        if (!trusted) {
            return "is signed by key " + assetHead.get("keyId").asText() + ", which " + (pinned.isEmpty()
                    ? "did not sign the tree head (the log's key changed since): pin the log's keys"
                    + " (GET /audit/log/signing-keys) as the third argument" : "is not among the pinned keys");
        }
        long latest = assetHead.hasNonNull("latestLeafIndex") ? assetHead.get("latestLeafIndex").asLong() : -1;
        if (!AssetHeadSignature.verify(key, assetId, head.treeSize, root, assetHead.get("entryCount").asLong(), latest,
                signature)) {
            return "has a signature that does not verify";
        }
        return null;
    }

    /** What a leaf says: its format, the asset's previous leaf (format 2), its subject. */
    private static final class Leaf {
        int version;
        Long assetPrevious;
        String subject;
    }

    /** The first thing wrong with one entry, or null; {@code leaf} gets what its leaf says. */
    private static String checkEntry(long leafIndex, long previous, String canonical, String leafHash, List<String> auditPath,
                                     Map<String, String> shown, String assetId, JsonNode data, Head head, Leaf leaf) {
        if (leafIndex <= previous) {
            return "is out of the log's order or repeated (leaf " + leafIndex + " after leaf " + previous + ")";
        }
        if (leafIndex >= head.treeSize) {
            return "is not in the tree of " + head.treeSize + " leaves";
        }
        if (canonical == null) {
            return "has no leaf (canonical)";
        }
        byte[] computed = Rfc9162.leafHash(canonical.getBytes(StandardCharsets.UTF_8));
        if (!Base64.getEncoder().encodeToString(computed).equals(leafHash)) {
            return "its leaf hash is not SHA-256(0x00 || its leaf): the entry was altered";
        }
        List<byte[]> path = new ArrayList<>();
        try {
            auditPath.forEach(hash -> path.add(Base64.getDecoder().decode(hash)));
        } catch (IllegalArgumentException e) {
            return "its audit path is not base64";
        }
        if (!Rfc9162.verifyInclusion(leafIndex, head.treeSize, computed, path, Base64.getDecoder().decode(head.rootHash))) {
            return "its audit path does not lead to the signed root: it is not in the log as signed";
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(canonical);
        } catch (IOException e) {
            return "its leaf is not JSON";
        }
        JsonNode event;
        if (parsed.has("leafVersion")) {
            if (parsed.get("leafVersion").asInt() != 2 || !parsed.path("event").isObject()
                    || !(parsed.path("assetPrevious").isNull() || parsed.path("assetPrevious").canConvertToExactIntegral())) {
                return "its leaf is of no format this verifier knows";
            }
            event = parsed.get("event");
            leaf.version = 2;
            leaf.assetPrevious = parsed.get("assetPrevious").isNull() ? null : parsed.get("assetPrevious").asLong();
            if (leaf.assetPrevious != null && (leaf.assetPrevious < 0 || leaf.assetPrevious >= leafIndex)) {
                return "its leaf names leaf " + leaf.assetPrevious + " as the asset's previous entry, which is not before it";
            }
        } else {
            event = parsed;
            leaf.version = 1;
        }
        leaf.subject = event.path("subject").asText(null);
        for (Map.Entry<String, String> field : shown.entrySet()) {
            String signed = event.path(field.getKey()).asText(null);
            if (field.getKey().equals("time")) {
                if (signed != null && !sameInstant(signed, field.getValue())) {
                    return "shows time " + field.getValue() + " but its signed form says " + signed;
                }
            } else if (signed == null ? field.getValue() != null : !signed.equals(field.getValue())) {
                return "shows " + field.getKey() + " " + field.getValue() + " but its signed form says " + signed;
            }
        }
        if (assetId != null && !assetId.equals(leaf.subject)) {
            return "is about asset " + leaf.subject + ", not " + assetId;
        }
        if (data != null && !CanonicalJson.write(data).equals(CanonicalJson.write(event.path("data")))) {
            return "shows data that differs from its signed form";
        }
        return null;
    }

    private static boolean sameIndex(JsonNode shown, Long signed) {
        return signed == null ? shown.isNull() : shown.canConvertToExactIntegral() && shown.asLong() == signed;
    }

    /**
     * The trail shows {@code time} as PostgreSQL keeps it, rounded to the nearest microsecond, while the leaf has every
     * digit the event had (nanoseconds): the same instant when they are less than a microsecond apart.
     */
    static boolean sameInstant(String signed, String shown) {
        try {
            Duration apart = Duration.between(Instant.parse(signed), Instant.parse(shown)).abs();
            return apart.compareTo(Duration.ofNanos(1000)) < 0;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The filters an export names, as a query string; null when there are none. */
    private static String filters(JsonNode filters) {
        List<String> parts = new ArrayList<>();
        for (String name : List.of("from", "to", "party", "asOf")) {
            if (filters.hasNonNull(name)) {
                parts.add(name + "=" + filters.get(name).asText());
            }
        }
        filters.path("types").forEach(type -> parts.add("type=" + type.asText()));
        return parts.isEmpty() ? null : String.join("&", parts);
    }

    /** A tree head as the API returns it, or a TreeHeadSigned CloudEvent (its data is the head). */
    private static Head readHead(JsonNode json, String what) {
        JsonNode head = json.has("data") && json.has("type") ? json.get("data") : json;
        for (String field : List.of("treeSize", "rootHash", "timestamp", "keyId", "signature", "publicKey")) {
            if (!head.hasNonNull(field)) {
                throw new Unreadable(what + " is not a tree head: it has no " + field);
            }
        }
        return new Head(head.get("treeSize").asLong(), head.get("rootHash").asText(), head.get("timestamp").asText(),
                head.get("keyId").asText(), head.get("signature").asText(), head.get("publicKey").asText());
    }

    private record Head(long treeSize, String rootHash, String timestamp, String keyId, String signature, String publicKey) {

        byte[] publicKeyBytes() {
            try {
                return Base64.getDecoder().decode(publicKey);
            } catch (IllegalArgumentException e) {
                return new byte[0];
            }
        }

        /** What is wrong with this head, trusting only {@code pinned} keys when there are any; null if nothing. */
        String problem(List<byte[]> pinned) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(publicKey);
            } catch (IllegalArgumentException e) {
                return "its public key is not base64";
            }
            if (!pinned.isEmpty() && pinned.stream().noneMatch(p -> Arrays.equals(p, key))) {
                return "it was signed by key " + keyId + ", not by " + (pinned.size() == 1 ? "the pinned key "
                        + TreeHeadSignature.keyId(pinned.getFirst()) : "any of the " + pinned.size() + " pinned keys");
            }
            if (!TreeHeadSignature.keyId(key).equals(keyId)) {
                return "its keyId is not the SHA-256 of its public key";
            }
            long millis;
            try {
                millis = Instant.parse(timestamp).toEpochMilli();
            } catch (DateTimeParseException e) {
                return "its timestamp is not an ISO-8601 instant";
            }
            try {
                if (!TreeHeadSignature.verify(key, treeSize, millis, Base64.getDecoder().decode(rootHash),
                        Base64.getDecoder().decode(signature))) {
                    return "its signature does not verify";
                }
            } catch (IllegalArgumentException e) {
                return "its root hash or signature is not base64";
            }
            return null;
        }
    }

    /** Input that is not what the verifier reads: exit code 2, not a failed verification. */
    private static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message);
        }
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Unreadable("cannot read " + file + ": " + why(e));
        }
    }

    private static String why(IOException e) {
        return e instanceof NoSuchFileException ? "no such file" : e.getMessage();
    }

    private static JsonNode parse(String text, Path file) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new Unreadable(file + " is not JSON: " + e.getMessage());
        }
    }

    /** Every PUBLIC KEY block of the file, or the file's content as one base64 key. */
    private static List<byte[]> readPublicKeys(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new Unreadable("cannot read " + file + ": " + why(e));
        }
        List<byte[]> keys = new ArrayList<>();
        try {
            Matcher matcher = PEM.matcher(text);
            while (matcher.find()) {
                keys.add(Base64.getMimeDecoder().decode(matcher.group(1).strip()));
            }
            if (keys.isEmpty() && !text.isBlank()) {
                keys.add(Base64.getMimeDecoder().decode(text.strip()));
            }
        } catch (IllegalArgumentException e) {
            throw new Unreadable(file + " holds no base64 public key");
        }
        if (keys.isEmpty()) {
            throw new Unreadable(file + " holds no public key");
        }
        return keys;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static String cell(List<String> row, Map<String, Integer> column, String name) {
        int index = column.get(name);
        return index < row.size() ? row.get(index) : "";
    }

    private static String blankToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
