package io.eddy.serialization;

/**
 * Encodes a {@link Float} as the 4 bytes of {@link Float#floatToRawIntBits}, big-endian;
 * byte-compatible with Kafka's {@code FloatSerializer}. The layout is owned by {@code FixedWidthFormat}.
 *
 * <p>Stateless and thread-safe. {@code null} serializes to {@code null}.
 */
public final class FloatSerializer implements Serializer<Float> {

    /** Creates the serializer; it has no configuration. */
    public FloatSerializer() {
    }

    /** @return the 4-byte encoding of {@code data}, or {@code null} when {@code data} is null */
    @Override
    public byte[] serialize(String topic, Float data) {
        return data == null ? null : FixedWidthFormat.writeFloat(data);
    }
}
