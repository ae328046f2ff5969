package io.eddy.streams.kstream.internal;

import java.nio.ByteBuffer;

/**
 * The value layout of a suppression buffer entry in its store (and changelog), keyed by the serialized record key.
 * Longs and ints are big-endian; a length of -1 means null.
 *
 * <pre>
 * +-----------------+------------------+--------------+-------+------------+-----+------------+-----+
 * | buffer time (8) | record time (8)  | prior len (4)| prior | old len (4)| old | new len (4)| new |
 * +-----------------+------------------+--------------+-------+------------+-----+------------+-----+
 * </pre>
 * <ul>
 *   <li>buffer time: when the entry was first buffered (window end or record time), which decides when it is
 *   emitted; kept across updates of the same key</li>
 *   <li>record time: the timestamp of the latest update, given to the emitted record</li>
 *   <li>prior: the old value of the first buffered update (what downstream last saw), emitted as the old value</li>
 *   <li>old, new: the latest update's change</li>
 * </ul>
 *
 * @param bufferTime the buffer time
 * @param recordTimestamp the latest update's timestamp
 * @param prior serialized prior value, or null
 * @param oldValue serialized old value, or null
 * @param newValue serialized new value, or null
 */
record SuppressionBufferValue(long bufferTime, long recordTimestamp, byte[] prior, byte[] oldValue, byte[] newValue) {
    private static final int FIXED = 8 + 8 + 3 * 4;

    byte[] serialize() {
        ByteBuffer buf = ByteBuffer.allocate(FIXED + len(prior) + len(oldValue) + len(newValue));
        buf.putLong(bufferTime).putLong(recordTimestamp);
        put(buf, prior);
        put(buf, oldValue);
        put(buf, newValue);
        return buf.array();
    }

    static SuppressionBufferValue deserialize(byte[] data, String store) {
        if (data.length < FIXED) {
            throw new IllegalStateException("suppression buffer entry in store " + store + " is " + data.length
                    + " bytes, shorter than the fixed " + FIXED);
        }
        ByteBuffer buf = ByteBuffer.wrap(data);
        long bufferTime = buf.getLong();
        long recordTime = buf.getLong();
        return new SuppressionBufferValue(bufferTime, recordTime, get(buf), get(buf), get(buf));
    }

    /** @return the bytes this entry occupies in the buffer's accounting (its serialized size) */
    long sizeInBytes() {
        return FIXED + len(prior) + len(oldValue) + len(newValue);
    }

    private static int len(byte[] b) {
        return b == null ? 0 : b.length;
    }

    private static void put(ByteBuffer buf, byte[] b) {
        if (b == null) {
            buf.putInt(-1);
        } else {
            buf.putInt(b.length).put(b);
        }
    }

    private static byte[] get(ByteBuffer buf) {
        int n = buf.getInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        buf.get(b);
        return b;
    }
}
