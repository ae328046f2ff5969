package io.eddy.serialization;

/**
 * Returns the bytes unchanged (no copy); byte-compatible with Kafka's {@code ByteArrayDeserializer}.
 *
 * <p>Stateless and thread-safe. {@code null} deserializes to {@code null}.
 */
public final class ByteArrayDeserializer implements Deserializer<byte[]> {

    /** Creates the deserializer; it has no configuration. */
    public ByteArrayDeserializer() {
    }

    /** @return {@code data} itself, possibly {@code null} */
    @Override
    public byte[] deserialize(String topic, byte[] data) {
        return data;
    }
}
