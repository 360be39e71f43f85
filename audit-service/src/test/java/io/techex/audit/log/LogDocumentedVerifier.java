package io.techex.audit.log;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A verifier of exports written from {@code audit-service/LOG.md} alone: it calls nothing of audit-service's main code
 * (the JDK for hashes and Ed25519, Jackson to parse JSON, {@link Rfc9162Reference} for the audit paths), so where it
 * and {@code VerifyExport} agree on a real export, the page says enough to write a verifier. Section numbers refer to
 * LOG.md.
 */
public final class LogDocumentedVerifier {

    /** The verdict: {@code ok}, or the first thing wrong. */
    public record Verdict(boolean ok, String reason) {
        public static Verdict wrong(String reason) {
            return new Verdict(false, reason);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Base64.Decoder BASE64 = Base64.getDecoder();

    private LogDocumentedVerifier() {
    }

    /** §7: the export against the tree head given, trusting {@code pinned} keys (the head's own key when empty). */
    public static Verdict verify(JsonNode export, JsonNode treeHead, List<byte[]> pinned) throws Exception {
        List<byte[]> trusted = pinned.isEmpty() ? List.of(BASE64.decode(treeHead.get("publicKey").asText())) : pinned;
        // 1, 2: both heads
        String head = treeHeadProblem(treeHead, trusted);
        if (head != null) {
            return Verdict.wrong("tree head: " + head);
        }
        JsonNode embedded = export.get("treeHead");
        String embeddedProblem = treeHeadProblem(embedded, trusted);
        if (embeddedProblem != null) {
            return Verdict.wrong("export's tree head: " + embeddedProblem);
        }
        long size = treeHead.get("treeSize").asLong();
        byte[] root = BASE64.decode(treeHead.get("rootHash").asText());
        if (embedded.get("treeSize").asLong() != size || !Arrays.equals(BASE64.decode(embedded.get("rootHash").asText()), root)) {
            return Verdict.wrong("export's tree head is another tree");
        }
        String asset = export.get("assetId").asText();
        // 3: every entry
        List<long[]> chain = new ArrayList<>(); // {leafIndex, leafVersion, assetPrevious or -1}
        long previousIndex = -1;
        for (JsonNode entry : export.get("entries")) {
            long index = entry.get("leafIndex").asLong();
            if (index <= previousIndex || index >= size) {
                return Verdict.wrong("leaf " + index + " out of order");
            }
            String leaf = entry.get("canonical").asText();
            byte[] leafHash = Rfc9162Reference.leaf(leaf.getBytes(StandardCharsets.UTF_8));
            if (!Arrays.equals(leafHash, BASE64.decode(entry.get("leafHash").asText()))) {
                return Verdict.wrong("leaf " + index + " hash");
            }
            List<byte[]> path = new ArrayList<>();
            entry.get("auditPath").forEach(hash -> path.add(BASE64.decode(hash.asText())));
            if (!Rfc9162Reference.verifyInclusion(Math.toIntExact(index), Math.toIntExact(size), leafHash, path, root)) {
                return Verdict.wrong("leaf " + index + " not in the tree");
            }
            JsonNode parsed = JSON.readTree(leaf);
            if (!canonical(parsed).equals(leaf)) {
                return Verdict.wrong("leaf " + index + " is not canonical JSON");
            }
            JsonNode event = parsed.has("leafVersion") ? parsed.get("event") : parsed;
            long version = parsed.has("leafVersion") ? parsed.get("leafVersion").asLong() : 1;
            long back = version == 2 && !parsed.get("assetPrevious").isNull() ? parsed.get("assetPrevious").asLong() : -1;
            if (!asset.equals(event.path("subject").asText()) || !event.path("id").asText().equals(entry.get("eventId").asText())) {
                return Verdict.wrong("leaf " + index + " is another event");
            }
            chain.add(new long[]{index, version, back});
            previousIndex = index;
        }
        // 4: the asset head
        JsonNode assetHead = export.get("assetHead");
        byte[] assetKey = BASE64.decode(assetHead.get("publicKey").asText());
        long count = assetHead.get("entryCount").asLong();
        long latest = assetHead.hasNonNull("latestLeafIndex") ? assetHead.get("latestLeafIndex").asLong() : -1;
        if (!assetHead.get("assetId").asText().equals(asset) || assetHead.get("treeSize").asLong() != size
                || !Arrays.equals(BASE64.decode(assetHead.get("rootHash").asText()), root)
                || !hex(sha256(assetKey)).equals(assetHead.get("keyId").asText())
                || trusted.stream().noneMatch(key -> Arrays.equals(key, assetKey))
                || !ed25519(assetKey, assetHeadMessage(asset, size, root, count, latest),
                BASE64.decode(assetHead.get("signature").asText()))) {
            return Verdict.wrong("asset head");
        }
        // 5: completeness, without filters only
        JsonNode filters = export.get("filters");
        boolean filtered = Map.of("from", 0, "to", 0, "party", 0, "asOf", 0).keySet().stream().anyMatch(filters::hasNonNull)
                || filters.path("types").size() > 0;
        if (filtered) {
            return new Verdict(true, "filtered: not proven complete");
        }
        for (int i = 0; i < chain.size(); i++) {
            long[] link = chain.get(i);
            if (link[1] == 1) {
                continue;
            }
            long expected = i == 0 ? -1 : chain.get(i - 1)[0];
            if (link[2] != expected) {
                return Verdict.wrong(link[2] > expected ? "missing leaf " + link[2] : "chain skips leaf " + expected);
            }
        }
        long last = chain.isEmpty() ? -1 : chain.getLast()[0];
        if (latest != last) {
            return Verdict.wrong(latest > last ? "missing leaf " + latest : "asset head behind the export");
        }
        if (count != chain.size()) {
            return Verdict.wrong("missing " + (count - chain.size()) + " format 1 leaves");
        }
        return new Verdict(true, "complete");
    }

    /** §3: keyId, trust and signature of a tree head. */
    static String treeHeadProblem(JsonNode head, List<byte[]> trusted) throws Exception {
        byte[] key = BASE64.decode(head.get("publicKey").asText());
        if (!hex(sha256(key)).equals(head.get("keyId").asText())) {
            return "keyId";
        }
        if (trusted.stream().noneMatch(t -> Arrays.equals(t, key))) {
            return "untrusted key";
        }
        byte[] message = treeHeadMessage(head.get("treeSize").asLong(),
                Instant.parse(head.get("timestamp").asText()).toEpochMilli(), BASE64.decode(head.get("rootHash").asText()));
        return ed25519(key, message, BASE64.decode(head.get("signature").asText())) ? null : "signature";
    }

    /** §3. */
    static byte[] treeHeadMessage(long treeSize, long timestampMillis, byte[] root) {
        byte[] label = "techex-audit-tree-head-v1".getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(label.length + 1 + 8 + 8 + 32).put(label).put((byte) 0).putLong(treeSize)
                .putLong(timestampMillis).put(root).array();
    }

    /** §4. */
    static byte[] assetHeadMessage(String asset, long treeSize, byte[] root, long count, long latest) {
        byte[] label = "techex-audit-asset-head-v1".getBytes(StandardCharsets.US_ASCII);
        byte[] id = asset.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(label.length + 1 + 8 + 32 + 8 + 8 + 4 + id.length).put(label).put((byte) 0)
                .putLong(treeSize).put(root).putLong(count).putLong(latest).putInt(id.length).put(id).array();
    }

    /** §2.3: a format 2 leaf. */
    public static String leaf(String canonicalEvent, Long assetPrevious) {
        return "{\"assetPrevious\":" + assetPrevious + ",\"event\":" + canonicalEvent + ",\"leafVersion\":2}";
    }

    static boolean ed25519(byte[] spki, byte[] message, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
        verifier.update(message);
        try {
            return verifier.verify(signature);
        } catch (java.security.SignatureException malformed) {
            // a signature whose R is no curve point: as invalid as any other
            return false;
        }
    }

    static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** §2.2, written from the page: RFC 8785 with exact decimals for numbers. */
    static String canonical(JsonNode node) {
        StringBuilder out = new StringBuilder();
        canonical(node, out);
        return out.toString();
    }

    private static void canonical(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null); // String order is UTF-16 code unit order
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                out.append(i == 0 ? "" : ",");
                string(names.get(i), out);
                out.append(':');
                canonical(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",");
                canonical(node.get(i), out);
            }
            out.append(']');
        } else if (node.isTextual()) {
            string(node.asText(), out);
        } else if (node.isNumber()) {
            BigDecimal value = node.decimalValue();
            out.append(value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString());
        } else {
            out.append(node.toString()); // true, false, null
        }
    }

    private static void string(String value, StringBuilder out) {
        out.append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        out.append('"');
    }
}
