package io.eddy.serialization;

/**
 * Serializes the only {@link Void} value, {@code null}, to {@code null}; byte-compatible with Kafka's
 * {@code VoidSerializer}. Useful for topics whose keys or values carry no information.
 *
 * <p>Stateless and thread-safe.
 */
public final class VoidSerializer implements Serializer<Void> {

    /** Creates the serializer; it has no configuration. */
    public VoidSerializer() {
    }

    /** @return always {@code null} */
    @Override
    public byte[] serialize(String topic, Void data) {
        return null;
    }
}
