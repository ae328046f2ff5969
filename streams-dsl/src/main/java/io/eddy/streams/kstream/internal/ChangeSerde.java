package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Serde;
import java.nio.ByteBuffer;

/**
 * Serializes a {@link Change} (a KTable update crossing a repartition topic) with the value serde of its halves.
 * This class owns the layout:
 *
 * <pre>
 *  0        1                 5                    5 + newLength
 *  +--------+-----------------+--------------------+--------------------+
 *  | flags  | newLength (int) | new value bytes    | old value bytes    |
 *  +--------+-----------------+--------------------+--------------------+
 *  flags: bit 0 = new value present, bit 1 = old value present; an absent half has no bytes (newLength 0)
 * </pre>
 *
 * @param <V> value type
 */
public final class ChangeSerde<V> extends LayoutSerde<Change<V>> {
    private static final int FLAGS_OFFSET = 0;
    private static final int NEW_LENGTH_OFFSET = 1;
    private static final int HEADER_LENGTH = 5;
    private static final byte NEW_PRESENT = 1;
    private static final byte OLD_PRESENT = 2;

    private final Serde<V> inner;

    /** @param inner the value serde */
    public ChangeSerde(Serde<V> inner) {
        super("a change record", HEADER_LENGTH, UNVERSIONED);
        this.inner = inner;
    }

    @Override
    byte[] encode(String topic, Change<V> change) {
        byte[] newBytes = change.newValue() == null ? null : inner.serializer().serialize(topic, change.newValue());
        byte[] oldBytes = change.oldValue() == null ? null : inner.serializer().serialize(topic, change.oldValue());
        int newLength = newBytes == null ? 0 : newBytes.length;
        int oldLength = oldBytes == null ? 0 : oldBytes.length;
        ByteBuffer buf = ByteBuffer.allocate(HEADER_LENGTH + newLength + oldLength);
        buf.put(FLAGS_OFFSET, (byte) ((newBytes != null ? NEW_PRESENT : 0) | (oldBytes != null ? OLD_PRESENT : 0)));
        buf.putInt(NEW_LENGTH_OFFSET, newLength);
        buf.position(HEADER_LENGTH);
        if (newBytes != null) {
            buf.put(newBytes);
        }
        if (oldBytes != null) {
            buf.put(oldBytes);
        }
        return buf.array();
    }

    @Override
    Change<V> decode(String topic, byte[] data) {
        ByteBuffer buf = ByteBuffer.wrap(data);
        byte flags = buf.get(FLAGS_OFFSET);
        int newLength = buf.getInt(NEW_LENGTH_OFFSET);
        if (newLength < 0 || HEADER_LENGTH + newLength > data.length) {
            throw malformed(topic, "has new-value length " + newLength + " beyond its " + data.length + " bytes");
        }
        V newValue = null;
        V oldValue = null;
        if ((flags & NEW_PRESENT) != 0) {
            byte[] b = new byte[newLength];
            System.arraycopy(data, HEADER_LENGTH, b, 0, newLength);
            newValue = inner.deserializer().deserialize(topic, b);
        }
        if ((flags & OLD_PRESENT) != 0) {
            int oldLength = data.length - HEADER_LENGTH - newLength;
            byte[] b = new byte[oldLength];
            System.arraycopy(data, HEADER_LENGTH + newLength, b, 0, oldLength);
            oldValue = inner.deserializer().deserialize(topic, b);
        }
        return new Change<>(newValue, oldValue);
    }
}
