package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import java.util.Arrays;

/**
 * Scan bounds over "key-first" composite keys ({@code key bytes || fixed-length suffix}), as laid out by
 * {@link WindowKeySchema} and {@link SessionKeySchema}.
 *
 * <p>Why this needs care (Kafka Streams' key-first caveat): composite keys are ordered by their raw bytes, so the
 * entries of a key {@code p} that is a proper prefix of another key {@code k} interleave with those of {@code k}
 * ({@code "a" || 00 00 ... 05} sorts after {@code "a\0" || 00 ...}). A scan for keys in {@code [from, to]} therefore
 * cannot stop at {@code to || suffix}: entries of a prefix {@code p} of {@code to} may sort after it. The bounds here
 * cover every entry of every key in range; callers still filter each entry by its decoded key and time.
 */
final class KeyFirstBounds {

    private KeyFirstBounds() {
    }

    /**
     * @param keyFrom the smallest key wanted (inclusive), or null for open
     * @return a raw lower bound at or below every composite key whose key is {@code >= keyFrom}, or null for open
     */
    static Bytes rangeLowerBound(byte[] keyFrom) {
        // every composite key of a key k >= keyFrom is >= keyFrom itself: either k starts with keyFrom, or it is
        // greater at a byte both share
        return keyFrom == null ? null : new Bytes(keyFrom);
    }

    /**
     * The largest composite key any key in {@code [keyFrom, keyTo]} can have: the maximum, over the prefixes {@code p}
     * of {@code keyTo} with {@code p >= keyFrom}, of {@code p || FF...FF} (suffix length bytes of 0xFF).
     *
     * @param keyFrom the smallest key wanted (inclusive), or null for open
     * @param keyTo the largest key wanted (inclusive), or null for open
     * @param suffixLength the length of the fixed suffix after the key bytes
     * @return an inclusive raw upper bound, or null for open
     */
    static Bytes rangeUpperBound(byte[] keyFrom, byte[] keyTo, int suffixLength) {
        if (keyTo == null) {
            return null;
        }
        byte[] best = null;
        for (int length = keyTo.length; length >= 0; length--) {
            if (keyFrom != null && Arrays.compareUnsigned(keyTo, 0, length, keyFrom, 0, keyFrom.length) < 0) {
                break; // shorter prefixes are smaller still
            }
            byte[] candidate = Arrays.copyOf(keyTo, length + suffixLength);
            Arrays.fill(candidate, length, candidate.length, (byte) 0xFF);
            if (best == null || Arrays.compareUnsigned(candidate, best) > 0) {
                best = candidate;
            }
        }
        return best == null ? new Bytes(keyTo) : new Bytes(best);
    }
}
