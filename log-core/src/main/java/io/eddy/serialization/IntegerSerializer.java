package io.eddy.serialization;

/**
 * Encodes a {@link Integer} as 4 bytes, big-endian two's complement;
 * byte-compatible with Kafka's {@code IntegerSerializer}. The layout is owned by {@code FixedWidthFormat}.
 *
 * <p>Stateless and thread-safe. {@code null} serializes to {@code null}.
 */
public final class IntegerSerializer implements Serializer<Integer> {

    /** Creates the serializer; it has no configuration. */
    public IntegerSerializer() {
    }

    /** @return the 4-byte encoding of {@code data}, or {@code null} when {@code data} is null */
    @Override
    public byte[] serialize(String topic, Integer data) {
        return data == null ? null : FixedWidthFormat.writeInt(data);
    }
}
