package io.techex.audit.log;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An append-only RFC 9162 Merkle tree over leaf hashes, kept in memory: every complete subtree's hash (the nodes whose
 * 2^level leaves are all present) is stored once, 64 bytes per leaf in all. The root of any earlier size, and the
 * audit path and consistency proof for any sizes up to the current one, are computed from those nodes: the complete
 * subtrees of a smaller tree are the same nodes, only its right edge is recomputed (O(log² n) hashes at most).
 * <p>
 * Proofs follow the recursive definitions of RFC 9162 §2.1.3.1 (PATH) and §2.1.4.1 (PROOF/SUBPROOF), so the order
 * of the hashes is the RFC's: from the leaf (or the old tree) upwards.
 */
public final class MerkleTree {

    /** levels.get(l) holds the hashes of the complete subtrees of 2^l leaves, left to right. */
    private final List<HashArray> levels = new ArrayList<>();
    private long size;

    public synchronized long size() {
        return size;
    }

    public synchronized void append(byte[] leafHash) {
        if (leafHash.length != Rfc9162.HASH_SIZE) {
            throw new IllegalArgumentException("A leaf hash has 32 bytes, not " + leafHash.length);
        }
        byte[] hash = leafHash;
        for (int level = 0; ; level++) {
            if (levels.size() == level) {
                levels.add(new HashArray());
            }
            HashArray nodes = levels.get(level);
            nodes.add(hash);
            if (nodes.count() % 2 == 1) {
                break;
            }
            // this level's last two nodes now form a complete subtree one level up
            hash = Rfc9162.nodeHash(nodes.get(nodes.count() - 2), nodes.get(nodes.count() - 1));
        }
        size++;
    }

    /** The leaf hash at {@code index}. */
    public synchronized byte[] leaf(long index) {
        check(index >= 0 && index < size, "No leaf " + index + " in a tree of " + size);
        return levels.getFirst().get(index);
    }

    /** MTH of the first {@code treeSize} leaves. */
    public synchronized byte[] root(long treeSize) {
        check(treeSize >= 0 && treeSize <= size, "No tree of " + treeSize + " leaves; the log has " + size);
        return treeSize == 0 ? Rfc9162.emptyRoot() : hash(0, treeSize);
    }

    /** PATH(index, D[treeSize]), RFC 9162 §2.1.3.1. */
    public synchronized List<byte[]> inclusionProof(long index, long treeSize) {
        check(treeSize >= 1 && treeSize <= size, "No tree of " + treeSize + " leaves; the log has " + size);
        check(index >= 0 && index < treeSize, "Leaf " + index + " is not in the tree of " + treeSize + " leaves");
        List<byte[]> proof = new ArrayList<>();
        path(index, 0, treeSize, treeSize, proof, new HashMap<>());
        return proof;
    }

    /**
     * The audit paths of many leaves in one tree, as {@link #inclusionProof} gives each: the hashes of the tree's
     * right edge, which are not stored, are computed once for all of them.
     */
    public synchronized List<List<byte[]>> inclusionProofs(List<Long> indexes, long treeSize) {
        check(treeSize >= 1 && treeSize <= size, "No tree of " + treeSize + " leaves; the log has " + size);
        Map<Long, byte[]> rightEdge = new HashMap<>();
        List<List<byte[]>> proofs = new ArrayList<>(indexes.size());
        for (long index : indexes) {
            check(index >= 0 && index < treeSize, "Leaf " + index + " is not in the tree of " + treeSize + " leaves");
            List<byte[]> proof = new ArrayList<>();
            path(index, 0, treeSize, treeSize, proof, rightEdge);
            proofs.add(proof);
        }
        return proofs;
    }

    /** PROOF(first, D[second]), RFC 9162 §2.1.4.1; empty when first is 0 or equals second. */
    public synchronized List<byte[]> consistencyProof(long first, long second) {
        check(second >= 0 && second <= size, "No tree of " + second + " leaves; the log has " + size);
        check(first >= 0 && first <= second, "The first tree (" + first + ") must not be larger than the second (" + second + ")");
        List<byte[]> proof = new ArrayList<>();
        if (first > 0 && first < second) {
            subproof(first, 0, second, true, proof);
        }
        return proof;
    }

    /**
     * {@code rightEdge} remembers, by their start, the hashes of the subtrees that end where the whole tree does (the
     * incomplete ones are among them); every other subtree is complete and stored.
     */
    private void path(long m, long start, long end, long treeEnd, List<byte[]> proof, Map<Long, byte[]> rightEdge) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = Rfc9162.split(n);
        if (m < k) {
            path(m, start, start + k, treeEnd, proof, rightEdge);
            long from = start + k;
            proof.add(end == treeEnd ? rightEdge.computeIfAbsent(from, ignored -> hash(from, end)) : hash(from, end));
        } else {
            path(m - k, start + k, end, treeEnd, proof, rightEdge);
            proof.add(hash(start, start + k));
        }
    }

    private void subproof(long m, long start, long end, boolean complete, List<byte[]> proof) {
        long n = end - start;
        if (m == n) {
            if (!complete) {
                proof.add(hash(start, end));
            }
            return;
        }
        long k = Rfc9162.split(n);
        if (m <= k) {
            subproof(m, start, start + k, complete, proof);
            proof.add(hash(start + k, end));
        } else {
            subproof(m - k, start + k, end, false, proof);
            proof.add(hash(start, start + k));
        }
    }

    /** MTH(D[start:end]): a stored node when the range is a complete subtree, else the RFC's split. */
    private byte[] hash(long start, long end) {
        long n = end - start;
        if (Long.bitCount(n) == 1 && start % n == 0) {
            int level = Long.numberOfTrailingZeros(n);
            return levels.get(level).get(start >> level);
        }
        long k = Rfc9162.split(n);
        return Rfc9162.nodeHash(hash(start, start + k), hash(start + k, end));
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** A growable array of 32-byte hashes in one byte array, to keep 16 bytes of object header off every node. */
    private static final class HashArray {
        private byte[] bytes = new byte[Rfc9162.HASH_SIZE * 64];
        private long count;

        void add(byte[] hash) {
            long offset = count * Rfc9162.HASH_SIZE;
            if (offset + Rfc9162.HASH_SIZE > bytes.length) {
                long grown = Math.min((long) bytes.length * 2, Integer.MAX_VALUE - 8);
                if (grown < offset + Rfc9162.HASH_SIZE) {
                    throw new IllegalStateException("The in-memory tree is full at " + count + " nodes on one level");
                }
                bytes = Arrays.copyOf(bytes, (int) grown);
            }
            System.arraycopy(hash, 0, bytes, (int) offset, Rfc9162.HASH_SIZE);
            count++;
        }

        byte[] get(long index) {
            int offset = (int) (index * Rfc9162.HASH_SIZE);
            return Arrays.copyOfRange(bytes, offset, offset + Rfc9162.HASH_SIZE);
        }

        long count() {
            return count;
        }
    }
}
