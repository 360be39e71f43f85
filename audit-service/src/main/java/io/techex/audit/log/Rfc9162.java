package io.techex.audit.log;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * The Merkle tree hashing of RFC 9162 §2.1 with SHA-256, and its two verification algorithms. Shared by the log
 * and by the offline verifier, so it depends on nothing but the JDK.
 * <ul>
 *   <li>leaf hash: {@code SHA-256(0x00 || entry)}; interior node: {@code SHA-256(0x01 || left || right)};</li>
 *   <li>the hash of the empty tree is {@code SHA-256()} of nothing;</li>
 *   <li>a tree of n > 1 leaves splits at k, the largest power of two smaller than n (§2.1.1).</li>
 * </ul>
 * The prefixes keep a leaf from passing for an interior node (second-preimage attacks).
 */
public final class Rfc9162 {

    public static final int HASH_SIZE = 32;

    private Rfc9162() {
    }

    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    public static byte[] leafHash(byte[] entry) {
        MessageDigest digest = sha256();
        digest.update((byte) 0x00);
        digest.update(entry);
        return digest.digest();
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest digest = sha256();
        digest.update((byte) 0x01);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    /** The largest power of two smaller than {@code n}, for n > 1 (§2.1.1's k). */
    public static long split(long n) {
        if (n < 2) {
            throw new IllegalArgumentException("Only a tree of two leaves or more splits, not " + n);
        }
        return Long.highestOneBit(n - 1);
    }

    /**
     * §2.1.3.2: verifies that the leaf with hash {@code leafHash} is at {@code leafIndex} in the tree of
     * {@code treeSize} leaves whose root is {@code rootHash}, by the audit path {@code inclusionPath}.
     */
    public static boolean verifyInclusion(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> inclusionPath,
                                          byte[] rootHash) {
        if (leafIndex < 0 || leafIndex >= treeSize || !isHash(leafHash) || !isHash(rootHash)) {
            return false;
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : inclusionPath) {
            if (sn == 0 || !isHash(p)) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                // right-shift until fn is odd or zero: the path skips the levels where this subtree was promoted
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, rootHash);
    }

    /**
     * §2.1.4.2: verifies that the tree of {@code secondSize} leaves with root {@code secondRoot} extends the tree of
     * {@code firstSize} leaves with root {@code firstRoot}, by {@code consistencyPath}.
     */
    public static boolean verifyConsistency(long firstSize, long secondSize, byte[] firstRoot, byte[] secondRoot,
                                            List<byte[]> consistencyPath) {
        if (firstSize < 0 || firstSize > secondSize || !isHash(firstRoot) || !isHash(secondRoot)) {
            return false;
        }
        if (firstSize == secondSize) {
            return consistencyPath.isEmpty() && Arrays.equals(firstRoot, secondRoot);
        }
        if (firstSize == 0) {
            // every tree extends the empty one; RFC 9162 defines no proof for it
            return consistencyPath.isEmpty();
        }
        if (consistencyPath.isEmpty() || !consistencyPath.stream().allMatch(Rfc9162::isHash)) {
            return false;
        }
        List<byte[]> path = consistencyPath;
        // step 2: if first is an exact power of 2, prepend first_hash to the path
        if (Long.bitCount(firstSize) == 1) {
            path = new java.util.ArrayList<>(consistencyPath);
            path.addFirst(firstRoot);
        }
        long fn = firstSize - 1;
        long sn = secondSize - 1;
        // step 4: if LSB(fn) is set, right-shift both until it is not
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.getFirst();
        byte[] sr = path.getFirst();
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return Arrays.equals(fr, firstRoot) && Arrays.equals(sr, secondRoot) && sn == 0;
    }

    private static boolean isHash(byte[] hash) {
        return hash != null && hash.length == HASH_SIZE;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
