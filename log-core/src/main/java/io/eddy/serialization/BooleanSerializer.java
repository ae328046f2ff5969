package io.eddy.serialization;

/**
 * Encodes a {@link Boolean} as one byte, {@code 0x01} for true and {@code 0x00} for false; byte-compatible with
 * Kafka's {@code BooleanSerializer}. The layout is owned by {@code FixedWidthFormat}.
 *
 * <p>Stateless and thread-safe. {@code null} serializes to {@code null}.
 */
public final class BooleanSerializer implements Serializer<Boolean> {

    /** Creates the serializer; it has no configuration. */
    public BooleanSerializer() {
    }

    /** @return {@code {0x01}} or {@code {0x00}}, or {@code null} when {@code data} is null */
    @Override
    public byte[] serialize(String topic, Boolean data) {
        if (data == null) {
            return null;
        }
        return new byte[] {data ? FixedWidthFormat.TRUE : FixedWidthFormat.FALSE};
    }
}
