package io.techex.audit.log;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The log's Merkle tree and verifiers against Certificate Transparency's published values and against an independent
 * implementation written from the RFC ({@link Rfc9162Reference}).
 */
class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    /*
     * Known answers: the RFC 6962 test leaves and the hashes transparency-dev/merkle publishes for them
     * (testonly/constants.go and proof/verify_test.go, github.com/transparency-dev/merkle), used here as data.
     */
    private static final String[] LEAF_INPUTS = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f"};
    private static final String[] ROOTS = {
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

    /** {leaf index (0-based), tree size, audit path}. */
    private static final Object[][] INCLUSION = {
            {0, 8, List.of("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")},
            {5, 8, List.of("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")},
            {2, 3, List.of("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")},
            {1, 5, List.of("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")}};

    /** {first size, second size, proof}. */
    private static final Object[][] CONSISTENCY = {
            {1, 8, List.of("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")},
            {6, 8, List.of("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")},
            {2, 5, List.of("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")},
            {6, 7, List.of("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")}};

    @Test
    void rootsMatchCertificateTransparencysPublishedValuesForEverySize() {
        MerkleTree tree = referenceTree();
        for (int size = 0; size <= LEAF_INPUTS.length; size++) {
            assertThat(HEX.formatHex(tree.root(size))).as("root of size " + size).isEqualTo(ROOTS[size]);
        }
        assertThat(HEX.formatHex(Rfc9162.emptyRoot())).isEqualTo(ROOTS[0]);
    }

    @Test
    void auditPathsMatchThePublishedOnesAndBothVerifiersAcceptThem() {
        MerkleTree tree = referenceTree();
        for (Object[] vector : INCLUSION) {
            int index = (int) vector[0];
            int size = (int) vector[1];
            List<byte[]> expected = hashes(vector[2]);
            List<byte[]> path = tree.inclusionProof(index, size);
            assertThat(path.stream().map(HEX::formatHex).toList()).as("path of %d in %d", index, size).isEqualTo(vector[2]);
            byte[] root = HEX.parseHex(ROOTS[size]);
            assertThat(Rfc9162.verifyInclusion(index, size, tree.leaf(index), expected, root)).isTrue();
            assertThat(Rfc9162Reference.verifyInclusion(index, size, tree.leaf(index), expected, root)).isTrue();
        }
    }

    @Test
    void consistencyProofsMatchThePublishedOnesAndBothVerifiersAcceptThem() {
        MerkleTree tree = referenceTree();
        for (Object[] vector : CONSISTENCY) {
            int first = (int) vector[0];
            int second = (int) vector[1];
            List<byte[]> proof = tree.consistencyProof(first, second);
            assertThat(proof.stream().map(HEX::formatHex).toList()).as("proof %d→%d", first, second).isEqualTo(vector[2]);
            byte[] firstRoot = HEX.parseHex(ROOTS[first]);
            byte[] secondRoot = HEX.parseHex(ROOTS[second]);
            assertThat(Rfc9162.verifyConsistency(first, second, firstRoot, secondRoot, hashes(vector[2]))).isTrue();
            assertThat(Rfc9162Reference.verifyConsistency(first, second, firstRoot, secondRoot, hashes(vector[2]))).isTrue();
        }
    }

    @Test
    void everyProofOfEveryTreeUpTo70LeavesAgreesWithTheIndependentImplementation() {
        List<byte[]> leaves = new ArrayList<>();
        MerkleTree tree = new MerkleTree();
        for (int i = 0; i < 70; i++) {
            byte[] leaf = Rfc9162Reference.leaf(("entry " + i).getBytes());
            assertThat(leaf).isEqualTo(Rfc9162.leafHash(("entry " + i).getBytes()));
            leaves.add(leaf);
            tree.append(leaf);
        }
        for (int n = 1; n <= 70; n++) {
            List<byte[]> prefix = leaves.subList(0, n);
            byte[] root = Rfc9162Reference.mth(prefix);
            assertThat(tree.root(n)).as("root %d", n).isEqualTo(root);
            for (int m = 0; m < n; m++) {
                List<byte[]> path = tree.inclusionProof(m, n);
                assertThat(path).as("path %d in %d", m, n).containsExactlyElementsOf(Rfc9162Reference.path(m, prefix));
                assertThat(Rfc9162.verifyInclusion(m, n, leaves.get(m), path, root)).isTrue();
                assertThat(Rfc9162Reference.verifyInclusion(m, n, leaves.get(m), path, root)).isTrue();
                assertThat(Rfc9162.verifyInclusion(m, n, leaves.get((m + 1) % n), path, root)).as("other leaf").isEqualTo(n == 1);
            }
            List<List<byte[]>> batch = tree.inclusionProofs(java.util.stream.LongStream.range(0, n).boxed().toList(), n);
            for (int m = 0; m < n; m++) {
                assertThat(batch.get(m)).as("batched path %d in %d", m, n).containsExactlyElementsOf(tree.inclusionProof(m, n));
            }
            for (int m = 1; m < n; m++) {
                List<byte[]> proof = tree.consistencyProof(m, n);
                assertThat(proof).as("proof %d→%d", m, n).containsExactlyElementsOf(Rfc9162Reference.proof(m, prefix));
                byte[] oldRoot = tree.root(m);
                assertThat(Rfc9162.verifyConsistency(m, n, oldRoot, root, proof)).as("verify %d→%d", m, n).isTrue();
                assertThat(Rfc9162Reference.verifyConsistency(m, n, oldRoot, root, proof)).isTrue();
            }
        }
    }

    @Test
    void tamperedProofsAreRejectedByBothVerifiers() {
        MerkleTree tree = referenceTree();
        byte[] root = tree.root(8);
        List<byte[]> path = tree.inclusionProof(5, 8);
        for (int i = 0; i < path.size(); i++) {
            List<byte[]> tampered = flipped(path, i);
            assertThat(Rfc9162.verifyInclusion(5, 8, tree.leaf(5), tampered, root)).isFalse();
            assertThat(Rfc9162Reference.verifyInclusion(5, 8, tree.leaf(5), tampered, root)).isFalse();
        }
        assertThat(Rfc9162.verifyInclusion(4, 8, tree.leaf(5), path, root)).as("wrong index").isFalse();
        assertThat(Rfc9162.verifyInclusion(5, 16, tree.leaf(5), path, root)).as("wrong size").isFalse();
        assertThat(Rfc9162.verifyInclusion(5, 8, tree.leaf(5), path.subList(0, 2), root)).as("short path").isFalse();
        List<byte[]> longer = new ArrayList<>(path);
        longer.add(root);
        assertThat(Rfc9162.verifyInclusion(5, 8, tree.leaf(5), longer, root)).as("trailing root").isFalse();
        assertThat(Rfc9162Reference.verifyInclusion(5, 8, tree.leaf(5), longer, root)).as("trailing root").isFalse();

        List<byte[]> proof = tree.consistencyProof(6, 8);
        byte[] oldRoot = tree.root(6);
        for (int i = 0; i < proof.size(); i++) {
            assertThat(Rfc9162.verifyConsistency(6, 8, oldRoot, root, flipped(proof, i))).isFalse();
            assertThat(Rfc9162Reference.verifyConsistency(6, 8, oldRoot, root, flipped(proof, i))).isFalse();
        }
        assertThat(Rfc9162.verifyConsistency(6, 8, root, oldRoot, proof)).as("swapped roots").isFalse();
        assertThat(Rfc9162.verifyConsistency(5, 8, oldRoot, root, proof)).as("wrong first size").isFalse();
        assertThat(Rfc9162.verifyConsistency(6, 8, oldRoot, root, List.of())).as("empty proof").isFalse();
        assertThat(Rfc9162.verifyConsistency(6, 8, oldRoot, root, proof.subList(0, 2))).as("truncated").isFalse();
    }

    @Test
    void sizesBeyondTheLogAreRefused() {
        MerkleTree tree = referenceTree();
        assertThatThrownBy(() -> tree.root(9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.inclusionProof(8, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.consistencyProof(7, 9)).isInstanceOf(IllegalArgumentException.class);
        assertThat(tree.consistencyProof(0, 8)).isEmpty();
        assertThat(tree.consistencyProof(8, 8)).isEmpty();
    }

    private static MerkleTree referenceTree() {
        MerkleTree tree = new MerkleTree();
        for (String input : LEAF_INPUTS) {
            tree.append(Rfc9162.leafHash(HEX.parseHex(input)));
        }
        return tree;
    }

    @SuppressWarnings("unchecked")
    private static List<byte[]> hashes(Object hexes) {
        return ((List<String>) hexes).stream().map(HEX::parseHex).toList();
    }

    private static List<byte[]> flipped(List<byte[]> hashes, int index) {
        List<byte[]> copy = new ArrayList<>(hashes);
        byte[] changed = copy.get(index).clone();
        changed[0] ^= 8;
        copy.set(index, changed);
        return copy;
    }
}
