package io.eddy.log.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Compaction's map from key to its latest offset, keyed by the 128-bit MD5 digest of the key bytes (a collision is
 * astronomically unlikely) in open-addressed primitive arrays, so memory is bounded: {@link #isFull()} tells the
 * cleaner to stop extending the cleanable range.
 */
final class KeyOffsetMap {
    private final long[] hi;
    private final long[] lo;
    private final long[] offsets;
    private final int mask;
    private final int maxEntries;
    private final MessageDigest md5;
    private int size;

    KeyOffsetMap(int maxEntries) {
        int capacity = Integer.highestOneBit(Math.max(16, maxEntries * 2 - 1)) << 1;
        this.hi = new long[capacity];
        this.lo = new long[capacity];
        this.offsets = new long[capacity];
        java.util.Arrays.fill(offsets, -1);
        this.mask = capacity - 1;
        this.maxEntries = maxEntries;
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every Java platform", e);
        }
    }

    boolean isFull() {
        return size >= maxEntries;
    }

    int size() {
        return size;
    }

    void put(byte[] key, long offset) {
        byte[] d = md5.digest(key);
        long h = ByteArrays.getLong(d, 0);
        long l = ByteArrays.getLong(d, 8);
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (offsets[i] >= 0) {
            if (hi[i] == h && lo[i] == l) {
                if (offset > offsets[i]) {
                    offsets[i] = offset;
                }
                return;
            }
            i = (i + 1) & mask;
        }
        hi[i] = h;
        lo[i] = l;
        offsets[i] = offset;
        size++;
    }

    /** @return the latest offset recorded for {@code key}, or -1 */
    long get(byte[] key) {
        byte[] d = md5.digest(key);
        long h = ByteArrays.getLong(d, 0);
        long l = ByteArrays.getLong(d, 8);
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (offsets[i] >= 0) {
            if (hi[i] == h && lo[i] == l) {
                return offsets[i];
            }
            i = (i + 1) & mask;
        }
        return -1;
    }
}
