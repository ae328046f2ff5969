package io.eddy.serialization;

/**
 * Encodes a {@link Long} as 8 bytes, big-endian two's complement;
 * byte-compatible with Kafka's {@code LongSerializer}. The layout is owned by {@code FixedWidthFormat}.
 *
 * <p>Stateless and thread-safe. {@code null} serializes to {@code null}.
 */
public final class LongSerializer implements Serializer<Long> {

    /** Creates the serializer; it has no configuration. */
    public LongSerializer() {
    }

    /** @return the 8-byte encoding of {@code data}, or {@code null} when {@code data} is null */
    @Override
    public byte[] serialize(String topic, Long data) {
        return data == null ? null : FixedWidthFormat.writeLong(data);
    }
}
