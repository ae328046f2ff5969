package io.eddy.streams.kstream;

import io.eddy.serialization.SerializationException;
import java.nio.ByteBuffer;

/**
 * The wire layout of windowed keys written by {@link TimeWindowedSerializer} and {@link SessionWindowedSerializer}
 * (the same as Kafka Streams' windowed serdes, so topics stay readable by either). All longs are big-endian.
 *
 * <pre>
 * time window:    +----------------------+-------------------+
 *                 | key bytes (n)        | window start (8)  |
 *                 +----------------------+-------------------+
 *
 * session window: +----------------------+-------------------+-------------------+
 *                 | key bytes (n)        | window end (8)    | window start (8)  |
 *                 +----------------------+-------------------+-------------------+
 * </pre>
 */
final class WindowedKeyLayout {
    static final int TIMESTAMP_SIZE = 8;
    static final int TIME_SUFFIX = TIMESTAMP_SIZE;
    static final int SESSION_SUFFIX = 2 * TIMESTAMP_SIZE;

    private WindowedKeyLayout() {
    }

    static byte[] timeWindowed(byte[] key, long start) {
        return ByteBuffer.allocate(key.length + TIME_SUFFIX).put(key).putLong(start).array();
    }

    static byte[] sessionWindowed(byte[] key, long start, long end) {
        return ByteBuffer.allocate(key.length + SESSION_SUFFIX).put(key).putLong(end).putLong(start).array();
    }

    static byte[] key(byte[] data, int suffix, String what) {
        if (data.length < suffix) {
            throw new SerializationException(what + " key must be at least " + suffix + " bytes, was " + data.length);
        }
        byte[] key = new byte[data.length - suffix];
        System.arraycopy(data, 0, key, 0, key.length);
        return key;
    }

    static long timeWindowStart(byte[] data) {
        return ByteBuffer.wrap(data).getLong(data.length - TIMESTAMP_SIZE);
    }

    static long sessionEnd(byte[] data) {
        return ByteBuffer.wrap(data).getLong(data.length - SESSION_SUFFIX);
    }

    static long sessionStart(byte[] data) {
        return ByteBuffer.wrap(data).getLong(data.length - TIMESTAMP_SIZE);
    }
}
