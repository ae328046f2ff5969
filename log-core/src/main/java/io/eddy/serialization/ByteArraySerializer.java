package io.eddy.serialization;

/**
 * Passes a {@code byte[]} through unchanged (no copy); byte-compatible with Kafka's {@code ByteArraySerializer}.
 *
 * <p>Stateless and thread-safe. {@code null} serializes to {@code null}. The caller must not modify the array after
 * handing it over.
 */
public final class ByteArraySerializer implements Serializer<byte[]> {

    /** Creates the serializer; it has no configuration. */
    public ByteArraySerializer() {
    }

    /** @return {@code data} itself, possibly {@code null} */
    @Override
    public byte[] serialize(String topic, byte[] data) {
        return data;
    }
}
