package io.eddy.serialization;

/**
 * Wraps the bytes in a {@link Bytes} (no copy); byte-compatible with Kafka's {@code BytesDeserializer}.
 *
 * <p>Stateless and thread-safe. {@code null} deserializes to {@code null}.
 */
public final class BytesDeserializer implements Deserializer<Bytes> {

    /** Creates the deserializer; it has no configuration. */
    public BytesDeserializer() {
    }

    /** @return {@code data} wrapped, or {@code null} when {@code data} is null */
    @Override
    public Bytes deserialize(String topic, byte[] data) {
        return Bytes.wrap(data);
    }
}
