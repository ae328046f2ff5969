package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import java.util.Arrays;

/**
 * Owns the byte layout of session-store keys, used both locally and as the changelog key. The session end comes
 * before its start so that the sessions of one key are ordered by end, then start (as in Kafka Streams), and a
 * {@code findSessions} scan can start at the earliest end wanted:
 *
 * <pre>
 *  0               n                        n+8                      n+16
 *  +---------------+------------------------+------------------------+
 *  | key bytes     | session end (int64,    | session start (int64,  |
 *  | (n bytes)     | big-endian, >= 0)      | big-endian, >= 0)      |
 *  +---------------+------------------------+------------------------+
 * </pre>
 *
 * Keys that are prefixes of other keys make raw order differ from (key, end, start) order; see
 * {@link KeyFirstBounds}.
 */
final class SessionKeySchema {

    /** Length of the fixed suffix: end and start. */
    static final int SUFFIX_LENGTH = 16;

    private SessionKeySchema() {
    }

    static byte[] toStoreKey(byte[] key, long start, long end) {
        byte[] out = Arrays.copyOf(key, key.length + SUFFIX_LENGTH);
        WindowKeySchema.writeLong(out, key.length, end);
        WindowKeySchema.writeLong(out, key.length + 8, start);
        return out;
    }

    /** @throws IllegalArgumentException if {@code storeKey} is shorter than the suffix */
    static int keyLength(byte[] storeKey) {
        int length = storeKey.length - SUFFIX_LENGTH;
        if (length < 0) {
            throw new IllegalArgumentException("A session store key needs at least " + SUFFIX_LENGTH
                    + " bytes, length=" + storeKey.length);
        }
        return length;
    }

    static byte[] extractKey(byte[] storeKey) {
        return Arrays.copyOf(storeKey, keyLength(storeKey));
    }

    static long extractEnd(byte[] storeKey) {
        return WindowKeySchema.readLong(storeKey, keyLength(storeKey));
    }

    static long extractStart(byte[] storeKey) {
        return WindowKeySchema.readLong(storeKey, keyLength(storeKey) + 8);
    }

    static int compareKey(byte[] storeKey, byte[] key) {
        return Arrays.compareUnsigned(storeKey, 0, keyLength(storeKey), key, 0, key.length);
    }

    /** @return the first composite key of {@code key} with an end at or after {@code earliestEnd} */
    static Bytes lowerBound(byte[] key, long earliestEnd) {
        return new Bytes(toStoreKey(key, 0, earliestEnd));
    }

    /** @return the last composite key of {@code key} with a start at or before {@code latestStart} */
    static Bytes upperBound(byte[] key, long latestStart) {
        return new Bytes(toStoreKey(key, latestStart, Long.MAX_VALUE));
    }
}
