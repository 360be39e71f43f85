package io.techex.audit.log;

import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A second, deliberately naive implementation of RFC 9162 §2.1, written from the RFC's recursive definitions and
 * sharing no code with the log's: MTH, PATH and PROOF straight from §2.1.1, §2.1.3.1 and §2.1.4.1 over the list of
 * entries, and verifiers that rebuild the roots by walking the same recursion (not the bit-shifting algorithms of
 * §2.1.3.2 and §2.1.4.2 that {@link Rfc9162} implements). Where the two agree on thousands of cases, and both agree
 * with Certificate Transparency's published values, neither is likely to be wrong the same way.
 */
final class Rfc9162Reference {

    private Rfc9162Reference() {
    }

    static byte[] sha256(byte prefix, byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            if (prefix >= 0) {
                digest.update(prefix);
            }
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] leaf(byte[] entry) {
        return sha256((byte) 0, entry);
    }

    static byte[] node(byte[] left, byte[] right) {
        return sha256((byte) 1, left, right);
    }

    /** "the largest power of two smaller than n" */
    static int k(int n) {
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        return k;
    }

    /** MTH(D[n]) over leaf hashes. */
    static byte[] mth(List<byte[]> leaves) {
        int n = leaves.size();
        if (n == 0) {
            return sha256((byte) -1);
        }
        if (n == 1) {
            return leaves.getFirst();
        }
        int k = k(n);
        return node(mth(leaves.subList(0, k)), mth(leaves.subList(k, n)));
    }

    /** PATH(m, D[n]). */
    static List<byte[]> path(int m, List<byte[]> leaves) {
        int n = leaves.size();
        List<byte[]> path = new ArrayList<>();
        if (n == 1) {
            return path;
        }
        int k = k(n);
        if (m < k) {
            path.addAll(path(m, leaves.subList(0, k)));
            path.add(mth(leaves.subList(k, n)));
        } else {
            path.addAll(path(m - k, leaves.subList(k, n)));
            path.add(mth(leaves.subList(0, k)));
        }
        return path;
    }

    /** PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
    static List<byte[]> proof(int m, List<byte[]> leaves) {
        return subproof(m, leaves, true);
    }

    private static List<byte[]> subproof(int m, List<byte[]> leaves, boolean b) {
        int n = leaves.size();
        List<byte[]> proof = new ArrayList<>();
        if (m == n) {
            if (!b) {
                proof.add(mth(leaves));
            }
            return proof;
        }
        int k = k(n);
        if (m <= k) {
            proof.addAll(subproof(m, leaves.subList(0, k), b));
            proof.add(mth(leaves.subList(k, n)));
        } else {
            proof.addAll(subproof(m - k, leaves.subList(k, n), false));
            proof.add(mth(leaves.subList(0, k)));
        }
        return proof;
    }

    /** Rebuilds the root from a PATH by following its definition top-down, consuming the path from its end. */
    static boolean verifyInclusion(int m, int n, byte[] leafHash, List<byte[]> path, byte[] root) {
        if (m < 0 || m >= n) {
            return false;
        }
        Deque<byte[]> remaining = new ArrayDeque<>(path);
        byte[] rebuilt = rootFromPath(m, n, leafHash, remaining);
        return rebuilt != null && remaining.isEmpty() && Arrays.equals(rebuilt, root);
    }

    private static byte[] rootFromPath(int m, int n, byte[] leafHash, Deque<byte[]> path) {
        if (n == 1) {
            return leafHash;
        }
        if (path.isEmpty()) {
            return null;
        }
        byte[] sibling = path.removeLast();
        int k = k(n);
        byte[] below = m < k ? rootFromPath(m, k, leafHash, path) : rootFromPath(m - k, n - k, leafHash, path);
        if (below == null) {
            return null;
        }
        return m < k ? node(below, sibling) : node(sibling, below);
    }

    /** Rebuilds both roots from a PROOF by following SUBPROOF's definition, consuming the proof from its end. */
    static boolean verifyConsistency(int m, int n, byte[] oldRoot, byte[] newRoot, List<byte[]> proof) {
        if (m <= 0 || m >= n) {
            return false;
        }
        Deque<byte[]> remaining = new ArrayDeque<>(proof);
        byte[][] roots = rebuild(m, n, true, oldRoot, remaining);
        return roots != null && remaining.isEmpty() && Arrays.equals(roots[0], oldRoot) && Arrays.equals(roots[1], newRoot);
    }

    /** {hash of the old tree's part here, hash of the new tree's part here}. */
    private static byte[][] rebuild(int m, int n, boolean b, byte[] oldRoot, Deque<byte[]> proof) {
        if (m == n) {
            if (b) {
                // the old tree itself: the verifier knows its root, the proof leaves it out
                return new byte[][]{oldRoot, oldRoot};
            }
            if (proof.isEmpty()) {
                return null;
            }
            byte[] hash = proof.removeLast();
            // consumed from the end, so this is the deepest element: it must be the first of the proof
            return new byte[][]{hash, hash};
        }
        if (proof.isEmpty()) {
            return null;
        }
        byte[] other = proof.removeLast();
        int k = k(n);
        if (m <= k) {
            byte[][] left = rebuild(m, k, b, oldRoot, proof);
            return left == null ? null : new byte[][]{left[0], node(left[1], other)};
        }
        byte[][] right = rebuild(m - k, n - k, false, oldRoot, proof);
        return right == null ? null : new byte[][]{node(other, right[0]), node(other, right[1])};
    }
}
