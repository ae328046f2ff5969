package io.eddy.serialization;

/**
 * Encodes a {@link Bytes} as its wrapped array (no copy); byte-compatible with Kafka's {@code BytesSerializer}.
 *
 * <p>Stateless and thread-safe. {@code null} serializes to {@code null}.
 */
public final class BytesSerializer implements Serializer<Bytes> {

    /** Creates the serializer; it has no configuration. */
    public BytesSerializer() {
    }

    /** @return the wrapped array, or {@code null} when {@code data} is null */
    @Override
    public byte[] serialize(String topic, Bytes data) {
        return data == null ? null : data.get();
    }
}
