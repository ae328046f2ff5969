package io.eddy.serialization;

/**
 * Encodes a {@link Short} as 2 bytes, big-endian two's complement;
 * byte-compatible with Kafka's {@code ShortSerializer}. The layout is owned by {@code FixedWidthFormat}.
 *
 * <p>Stateless and thread-safe. {@code null} serializes to {@code null}.
 */
public final class ShortSerializer implements Serializer<Short> {

    /** Creates the serializer; it has no configuration. */
    public ShortSerializer() {
    }

    /** @return the 2-byte encoding of {@code data}, or {@code null} when {@code data} is null */
    @Override
    public byte[] serialize(String topic, Short data) {
        return data == null ? null : FixedWidthFormat.writeShort(data);
    }
}
