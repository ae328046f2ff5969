package io.eddy.serialization;

/**
 * Encodes a {@link Double} as the 8 bytes of {@link Double#doubleToLongBits} (NaN canonicalized), big-endian;
 * byte-compatible with Kafka's {@code DoubleSerializer}. The layout is owned by {@code FixedWidthFormat}.
 *
 * <p>Stateless and thread-safe. {@code null} serializes to {@code null}.
 */
public final class DoubleSerializer implements Serializer<Double> {

    /** Creates the serializer; it has no configuration. */
    public DoubleSerializer() {
    }

    /** @return the 8-byte encoding of {@code data}, or {@code null} when {@code data} is null */
    @Override
    public byte[] serialize(String topic, Double data) {
        return data == null ? null : FixedWidthFormat.writeDouble(data);
    }
}
