package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Bytes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout of the outer-join store of a stream-stream left/outer join: the records still waiting for a partner,
 * grouped by (timestamp, side, key). Keys sort by timestamp first (big-endian, non-negative), so a scan meets the
 * oldest records first and can stop at the first whose join window is still open.
 *
 * <pre>
 * key:   +---------------+----------+----------------+
 *        | timestamp (8) | side (1) | key bytes (n)  |     side: 0 = left, 1 = right
 *        +---------------+----------+----------------+
 *
 * value: +-----------+-------------+-------------+-----+
 *        | count (4) | len (4)     | value bytes | ... |     one (len, bytes) per record, in arrival order
 *        +-----------+-------------+-------------+-----+
 * </pre>
 */
final class OuterJoinStoreLayout {
    static final byte LEFT = 0;
    static final byte RIGHT = 1;
    private static final int KEY_PREFIX = 9;

    private OuterJoinStoreLayout() {
    }

    static Bytes key(long timestamp, boolean left, byte[] key) {
        return Bytes.wrap(ByteBuffer.allocate(KEY_PREFIX + key.length).putLong(timestamp).put(left ? LEFT : RIGHT)
                .put(key).array());
    }

    static long timestamp(Bytes storeKey) {
        return ByteBuffer.wrap(storeKey.get()).getLong(0);
    }

    static boolean isLeft(Bytes storeKey) {
        return storeKey.get()[8] == LEFT;
    }

    static byte[] recordKey(Bytes storeKey) {
        byte[] b = storeKey.get();
        byte[] key = new byte[b.length - KEY_PREFIX];
        System.arraycopy(b, KEY_PREFIX, key, 0, key.length);
        return key;
    }

    /**
     * @param existing the current list, or null
     * @param value the serialized value to append
     * @return the list with {@code value} appended
     */
    static byte[] append(byte[] existing, byte[] value) {
        int count = existing == null ? 0 : ByteBuffer.wrap(existing).getInt(0);
        int oldLen = existing == null ? 4 : existing.length;
        ByteBuffer buf = ByteBuffer.allocate(oldLen + 4 + value.length);
        if (existing == null) {
            buf.putInt(1);
        } else {
            buf.put(existing).putInt(0, count + 1);
            buf.position(oldLen);
        }
        buf.putInt(value.length).put(value);
        return buf.array();
    }

    static List<byte[]> values(byte[] list) {
        ByteBuffer buf = ByteBuffer.wrap(list);
        int count = buf.getInt();
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] v = new byte[buf.getInt()];
            buf.get(v);
            out.add(v);
        }
        return out;
    }
}
