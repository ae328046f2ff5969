package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import java.util.Arrays;

/**
 * Owns the byte layout of window-store keys, used both locally (RocksDB and in-memory segments) and as the changelog
 * key. The window start follows the key so that the windows of one key are one contiguous range scan in time order:
 *
 * <pre>
 *  0               n                      n+8                  n+12
 *  +---------------+----------------------+--------------------+
 *  | key bytes     | window start (int64, | sequence number    |
 *  | (n bytes)     | big-endian, >= 0)    | (int32, big-endian)|
 *  +---------------+----------------------+--------------------+
 *                                          ^ only in stores that retain duplicates
 * </pre>
 *
 * The suffix has a fixed length, so the key bytes are everything before it. Keys that are prefixes of other keys make
 * raw order differ from (key, start) order; see {@link KeyFirstBounds}.
 */
final class WindowKeySchema {

    /** Length of the window start. */
    static final int TIMESTAMP_LENGTH = 8;
    /** Length of the sequence number of stores retaining duplicates. */
    static final int SEQUENCE_LENGTH = 4;

    private static final WindowKeySchema UNIQUE = new WindowKeySchema(false);
    private static final WindowKeySchema WITH_DUPLICATES = new WindowKeySchema(true);

    private final boolean retainDuplicates;
    private final int suffixLength;

    private WindowKeySchema(boolean retainDuplicates) {
        this.retainDuplicates = retainDuplicates;
        this.suffixLength = TIMESTAMP_LENGTH + (retainDuplicates ? SEQUENCE_LENGTH : 0);
    }

    /**
     * @param retainDuplicates whether keys carry a sequence number
     * @return the schema
     */
    static WindowKeySchema of(boolean retainDuplicates) {
        return retainDuplicates ? WITH_DUPLICATES : UNIQUE;
    }

    boolean retainDuplicates() {
        return retainDuplicates;
    }

    int suffixLength() {
        return suffixLength;
    }

    byte[] toStoreKey(byte[] key, long windowStart, int sequence) {
        byte[] out = Arrays.copyOf(key, key.length + suffixLength);
        writeLong(out, key.length, windowStart);
        if (retainDuplicates) {
            writeInt(out, key.length + TIMESTAMP_LENGTH, sequence);
        }
        return out;
    }

    /** @throws IllegalArgumentException if {@code storeKey} is shorter than the suffix */
    int keyLength(byte[] storeKey) {
        int length = storeKey.length - suffixLength;
        if (length < 0) {
            throw new IllegalArgumentException("A window store key needs at least " + suffixLength
                    + " bytes, length=" + storeKey.length);
        }
        return length;
    }

    byte[] extractKey(byte[] storeKey) {
        return Arrays.copyOf(storeKey, keyLength(storeKey));
    }

    long extractWindowStart(byte[] storeKey) {
        return readLong(storeKey, keyLength(storeKey));
    }

    int extractSequence(byte[] storeKey) {
        return retainDuplicates ? readInt(storeKey, keyLength(storeKey) + TIMESTAMP_LENGTH) : 0;
    }

    /** @return the unsigned comparison of the key bytes of {@code storeKey} with {@code key} */
    int compareKey(byte[] storeKey, byte[] key) {
        return Arrays.compareUnsigned(storeKey, 0, keyLength(storeKey), key, 0, key.length);
    }

    /** @return the first composite key of {@code key} at or after {@code windowStart} */
    Bytes lowerBound(byte[] key, long windowStart) {
        return new Bytes(toStoreKey(key, windowStart, 0));
    }

    /** @return the last composite key of {@code key} at or before {@code windowStart} */
    Bytes upperBound(byte[] key, long windowStart) {
        return new Bytes(toStoreKey(key, windowStart, -1));
    }

    static void writeLong(byte[] out, int offset, long value) {
        for (int i = 7; i >= 0; i--) {
            out[offset + i] = (byte) value;
            value >>>= 8;
        }
    }

    static long readLong(byte[] in, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (in[offset + i] & 0xFF);
        }
        return value;
    }

    static void writeInt(byte[] out, int offset, int value) {
        for (int i = 3; i >= 0; i--) {
            out[offset + i] = (byte) value;
            value >>>= 8;
        }
    }

    static int readInt(byte[] in, int offset) {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (in[offset + i] & 0xFF);
        }
        return value;
    }
}
