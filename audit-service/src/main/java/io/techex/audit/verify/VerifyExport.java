package io.techex.audit.verify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.techex.audit.log.CanonicalJson;
import io.techex.audit.log.Rfc9162;
import io.techex.audit.log.TreeHeadSignature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
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
 *   <li>the tree head: its key is the one its {@code keyId} names (and the pinned key, when given) and its Ed25519
 *       signature is valid;</li>
 *   <li>the export is proven against that same tree (size and root);</li>
 *   <li>every entry: its leaf hash is SHA-256(0x00 || its canonical form), its audit path leads to the signed root
 *       (RFC 9162 §2.1.3.2), the readable fields say what the canonical form says, and the entries are in the log's
 *       order without repeats.</li>
 * </ol>
 * Prints {@code OK: ...} and exits 0, or {@code FAILED: <the first thing that is wrong>} and exits 1 (2 for bad usage).
 * <pre>
 *   ./mvnw -q -pl audit-service exec:java -Dexec.args="trail.json treehead.json [log-public-key.pem]"
 * </pre>
 * Depends on the JDK and Jackson only.
 */
public final class VerifyExport {

    /** The outcome: {@code ok}, and the message to print. */
    public record Result(boolean ok, String message) {
        static Result failed(String message) {
            return new Result(false, "FAILED: " + message);
        }
    }

    /** Exact decimals, so that data is compared digit for digit (through its canonical form). */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Pattern PEM = Pattern.compile("-----BEGIN PUBLIC KEY-----([^-]+)-----END PUBLIC KEY-----");

    private VerifyExport() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: VerifyExport <export.json|export.csv> <treehead.json> [log-public-key.pem]");
            System.exit(2);
        }
        Result result = verify(Path.of(args[0]), Path.of(args[1]), args.length == 3 ? Path.of(args[2]) : null);
        System.out.println(result.message());
        System.exit(result.ok() ? 0 : 1);
    }

    public static Result verify(Path export, Path treeHead, Path pinnedKey) {
        try {
            Head head = readHead(JSON.readTree(treeHead.toFile()));
            String headProblem = head.problem(pinnedKey == null ? null : readPublicKey(Files.readString(pinnedKey)));
            if (headProblem != null) {
                return Result.failed("tree head " + treeHead + ": " + headProblem);
            }
            String text = Files.readString(export, StandardCharsets.UTF_8);
            Checked checked = text.stripLeading().startsWith("{") ? checkJson(JSON.readTree(text), head) : checkCsv(text, head);
            if (checked.problem() != null) {
                return Result.failed(checked.problem());
            }
            return new Result(true, "OK: " + checked.entries() + " entries" + (checked.assetId() == null ? "" : " of asset "
                    + checked.assetId()) + " are in the log whose tree head of size " + head.treeSize + " (root "
                    + head.rootHash + ") key " + head.keyId + " signed at " + head.timestamp);
        } catch (IOException | RuntimeException e) {
            return Result.failed("cannot read the files: " + e.getMessage());
        }
    }

    private record Checked(String assetId, int entries, String problem) {
    }

    private static Checked checkJson(JsonNode export, Head head) {
        String assetId = export.path("assetId").asText(null);
        if (!"techex-audit-export/1".equals(export.path("format").asText())) {
            return new Checked(assetId, 0, "not a TechEx audit export (format " + export.path("format") + ")");
        }
        Head proven;
        try {
            proven = readHead(export.path("treeHead"));
        } catch (RuntimeException e) {
            return new Checked(assetId, 0, "the export's tree head is unreadable: " + e.getMessage());
        }
        if (proven.treeSize != head.treeSize || !proven.rootHash.equals(head.rootHash)) {
            return new Checked(assetId, 0, "the export is proven against the tree of size " + proven.treeSize + " (root "
                    + proven.rootHash + "), the tree head given is of size " + head.treeSize + " (root " + head.rootHash
                    + "); export again with treeSize=" + head.treeSize);
        }
        long previous = -1;
        int n = 0;
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
            String problem = checkEntry(entry.path("leafIndex").asLong(-1), previous, entry.path("canonical").asText(null),
                    entry.path("leafHash").asText(), texts(entry.path("auditPath")), shown, assetId,
                    entry.has("data") ? entry.get("data") : null, head);
            if (problem != null) {
                return new Checked(assetId, n, at + ": " + problem);
            }
            previous = entry.path("leafIndex").asLong();
        }
        return new Checked(assetId, n, null);
    }

    private static Checked checkCsv(String csv, Head head) {
        List<List<String>> rows = Csv.parse(csv);
        if (rows.isEmpty()) {
            return new Checked(null, 0, "the CSV export is empty");
        }
        List<String> header = rows.getFirst();
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            column.put(header.get(i), i);
        }
        for (String required : List.of("tree_size", "root_hash", "leaf_index", "event_id", "type", "source", "occurred_at",
                "actor_person", "actor_org", "actor_role", "leaf_hash", "audit_path", "canonical")) {
            if (!column.containsKey(required)) {
                return new Checked(null, 0, "the CSV export has no column " + required);
            }
        }
        long previous = -1;
        String assetId = null;
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            String at = "row " + (r + 1) + " (event " + cell(row, column, "event_id") + ", leaf " + cell(row, column, "leaf_index") + ")";
            if (row.size() != header.size()) {
                return new Checked(assetId, r, at + ": has " + row.size() + " cells, the header " + header.size());
            }
            if (!cell(row, column, "tree_size").equals(String.valueOf(head.treeSize))
                    || !cell(row, column, "root_hash").equals(head.rootHash)) {
                return new Checked(assetId, r, at + ": is proven against the tree of size " + cell(row, column, "tree_size")
                        + ", the tree head given is of size " + head.treeSize + " (root " + head.rootHash + ")");
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
                return new Checked(assetId, r, at + ": leaf_index is not a number");
            }
            String problem = checkEntry(index, previous, cell(row, column, "canonical"), cell(row, column, "leaf_hash"),
                    path.isBlank() ? List.of() : Arrays.asList(path.split(" ")), shown, assetId, null, head);
            if (problem != null) {
                return new Checked(assetId, r, at + ": " + problem);
            }
            if (assetId == null) {
                assetId = subjectOf(cell(row, column, "canonical"));
            }
            previous = index;
        }
        return new Checked(assetId, rows.size() - 1, null);
    }

    /** The first thing wrong with one entry, or null. */
    private static String checkEntry(long leafIndex, long previous, String canonical, String leafHash, List<String> auditPath,
                                     Map<String, String> shown, String assetId, JsonNode data, Head head) {
        if (leafIndex <= previous) {
            return "is out of the log's order or repeated (leaf " + leafIndex + " after leaf " + previous + ")";
        }
        if (leafIndex >= head.treeSize) {
            return "is not in the tree of " + head.treeSize + " leaves";
        }
        if (canonical == null) {
            return "has no canonical form";
        }
        byte[] computed = Rfc9162.leafHash(canonical.getBytes(StandardCharsets.UTF_8));
        if (!Base64.getEncoder().encodeToString(computed).equals(leafHash)) {
            return "its leaf hash is not SHA-256(0x00 || its canonical form): the entry was altered";
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
        JsonNode event;
        try {
            event = JSON.readTree(canonical);
        } catch (IOException e) {
            return "its canonical form is not JSON";
        }
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
        if (assetId != null && !assetId.equals(event.path("subject").asText(null))) {
            return "is about asset " + event.path("subject").asText(null) + ", not " + assetId;
        }
        if (data != null && !CanonicalJson.write(data).equals(CanonicalJson.write(event.path("data")))) {
            return "shows data that differs from its signed form";
        }
        return null;
    }

    private static boolean sameInstant(String one, String other) {
        try {
            // the trail keeps microseconds (PostgreSQL), an event's time may have had more
            return Instant.parse(one).truncatedTo(ChronoUnit.MICROS).equals(Instant.parse(other).truncatedTo(ChronoUnit.MICROS));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String subjectOf(String canonical) {
        try {
            return JSON.readTree(canonical).path("subject").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** A tree head as the API returns it, or a TreeHeadSigned CloudEvent (its data is the head). */
    private static Head readHead(JsonNode json) {
        JsonNode head = json.has("data") && json.has("type") ? json.get("data") : json;
        for (String field : List.of("treeSize", "rootHash", "timestamp", "keyId", "signature", "publicKey")) {
            if (!head.hasNonNull(field)) {
                throw new IllegalArgumentException("a tree head has no " + field);
            }
        }
        return new Head(head.get("treeSize").asLong(), head.get("rootHash").asText(), head.get("timestamp").asText(),
                head.get("keyId").asText(), head.get("signature").asText(), head.get("publicKey").asText());
    }

    private record Head(long treeSize, String rootHash, String timestamp, String keyId, String signature, String publicKey) {

        String problem(byte[] pinnedKey) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(publicKey);
            } catch (IllegalArgumentException e) {
                return "its public key is not base64";
            }
            if (pinnedKey != null && !Arrays.equals(pinnedKey, key)) {
                return "it was signed by key " + keyId + ", not by the pinned key " + TreeHeadSignature.keyId(pinnedKey);
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

    private static byte[] readPublicKey(String text) {
        Matcher matcher = PEM.matcher(text);
        String base64 = matcher.find() ? matcher.group(1) : text;
        return Base64.getMimeDecoder().decode(base64.strip());
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
