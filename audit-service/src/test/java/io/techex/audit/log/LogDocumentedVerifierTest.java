package io.techex.audit.log;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test vectors of {@code audit-service/LOG.md}: the verifier written from the page computes them, and the log's
 * own code writes the same bytes, so the page and the code cannot drift apart unnoticed.
 */
class LogDocumentedVerifierTest {

    static final String EVENT = "{\"actororg\":\"hust\",\"actorperson\":\"lan.nguyen\",\"actorrole\":\"UNIVERSITY\","
            + "\"data\":{\"askingPrice\":{\"amount\":1500000000,\"currency\":\"VND\"},\"listingId\":\"L-1\","
            + "\"title\":{\"vi\":\"Nước thải\"}},\"datacontenttype\":\"application/json\",\"id\":\"e-1\","
            + "\"partitionkey\":\"L-1\",\"source\":\"/techex/listing-service\",\"specversion\":\"1.0\",\"subject\":\"L-1\","
            + "\"time\":\"2026-01-01T00:00:00.120Z\",\"type\":\"io.techex.listing.ListingDrafted.v1\"}";
    static final String SECOND_EVENT = EVENT.replace("\"e-1\"", "\"e-2\"").replace("00.120Z", "01Z");
    static final byte[] PUBLIC_KEY = Base64.getDecoder().decode("MCowBQYDK2VwAyEAP5d9O2lEPx4LMDQf5/JjyiHBpQVkTxq2OIVXFirrAEc=");
    static final HexFormat HEX = HexFormat.of();

    @Test
    void theLeavesRootAndSignedBytesOfTheDocumentedExample() throws Exception {
        String leaf0 = LogDocumentedVerifier.leaf(EVENT, null);
        String leaf1 = LogDocumentedVerifier.leaf(SECOND_EVENT, 0L);
        assertThat(LogEntryForm.leaf(EVENT, null)).isEqualTo(leaf0);
        assertThat(LogEntryForm.leaf(SECOND_EVENT, 0L)).isEqualTo(leaf1);
        assertThat(LogDocumentedVerifier.canonical(new ObjectMapper().readTree(leaf1))).as("the leaf is canonical JSON")
                .isEqualTo(leaf1);

        byte[] hash0 = Rfc9162Reference.leaf(leaf0.getBytes(StandardCharsets.UTF_8));
        byte[] hash1 = Rfc9162Reference.leaf(leaf1.getBytes(StandardCharsets.UTF_8));
        assertThat(HEX.formatHex(hash0)).isEqualTo("991ea2a6a6abaff971f0a5dbab0229c52750761b409de01c70245b36e5330b5a");
        assertThat(HEX.formatHex(hash1)).isEqualTo("1618e9bf1e404d5df57fd0573e18d23e53a08ecfa658bfeee830b162d9991849");
        byte[] root = Rfc9162Reference.mth(List.of(hash0, hash1));
        assertThat(HEX.formatHex(root)).isEqualTo("aa50e9e04d3bd6ad79776b3cfa097e140f9de52ab43cf19b1b93ee91ad521182");
        assertThat(HEX.formatHex(Rfc9162Reference.mth(List.of())))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

        long timestamp = Instant.parse("2026-01-01T00:01:00Z").toEpochMilli();
        byte[] headMessage = LogDocumentedVerifier.treeHeadMessage(2, timestamp, root);
        assertThat(HEX.formatHex(headMessage)).isEqualTo("7465636865782d61756469742d747265652d686561642d7631" + "00"
                + "0000000000000002" + "0000019b76db9260" + "aa50e9e04d3bd6ad79776b3cfa097e140f9de52ab43cf19b1b93ee91ad521182");
        assertThat(TreeHeadSignature.message(2, timestamp, root)).isEqualTo(headMessage);
        byte[] headSignature = Base64.getDecoder().decode(
                "cuthP1Mh32GcGpS69HPDTWC3lGQEZurNb3MChcoG4toJlmi5tHbdCE9Qaeepp3iTw4y9RJ3TYzvfEBhpCV3wDg==");
        assertThat(LogDocumentedVerifier.ed25519(PUBLIC_KEY, headMessage, headSignature)).isTrue();
        assertThat(TreeHeadSignature.verify(PUBLIC_KEY, 2, timestamp, root, headSignature)).isTrue();

        byte[] assetMessage = LogDocumentedVerifier.assetHeadMessage("L-1", 2, root, 2, 1);
        assertThat(HEX.formatHex(assetMessage)).isEqualTo("7465636865782d61756469742d61737365742d686561642d7631" + "00"
                + "0000000000000002" + "aa50e9e04d3bd6ad79776b3cfa097e140f9de52ab43cf19b1b93ee91ad521182"
                + "0000000000000002" + "0000000000000001" + "00000003" + "4c2d31");
        assertThat(AssetHeadSignature.message("L-1", 2, root, 2, 1)).isEqualTo(assetMessage);
        byte[] assetSignature = Base64.getDecoder().decode(
                "AXrapHgW2PlC2SyH15tqntnDJMmEDxfCnlTqZ8XTzUgZY+9DqwuR5rqPy27cIRdFb9ed4M9ecljxGTdYNRQFAA==");
        assertThat(LogDocumentedVerifier.ed25519(PUBLIC_KEY, assetMessage, assetSignature)).isTrue();
        assertThat(AssetHeadSignature.verify(PUBLIC_KEY, "L-1", 2, root, 2, 1, assetSignature)).isTrue();

        assertThat(LogDocumentedVerifier.hex(LogDocumentedVerifier.sha256(PUBLIC_KEY)))
                .isEqualTo("170af7cd443ce0105abb4000668816109e7a32eb4d451049bc8d391958787053")
                .isEqualTo(TreeHeadSignature.keyId(PUBLIC_KEY));
    }

    @Test
    void anAssetHeadSignatureStandsForNoTreeHeadAndNoOtherAsset() throws Exception {
        byte[] root = new byte[32];
        byte[] assetMessage = AssetHeadSignature.message("L-1", 2, root, 2, 1);
        assertThat(assetMessage).isNotEqualTo(TreeHeadSignature.message(2, 0, root));
        assertThat(AssetHeadSignature.message("L-12", 2, root, 2, 1)).isNotEqualTo(assetMessage);
        // an asset with no entries says -1, never a leaf
        assertThat(HEX.formatHex(AssetHeadSignature.message("L-1", 2, root, 0, -1))).contains("ffffffffffffffff");
    }
}
