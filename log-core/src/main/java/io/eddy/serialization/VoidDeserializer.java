package io.eddy.serialization;

/**
 * Accepts only {@code null} and deserializes it to {@code null}; mirrors Kafka's {@code VoidDeserializer}, except that
 * non-null data is reported as a {@link SerializationException} (Kafka throws {@code IllegalArgumentException}).
 *
 * <p>Stateless and thread-safe.
 */
public final class VoidDeserializer implements Deserializer<Void> {

    /** Creates the deserializer; it has no configuration. */
    public VoidDeserializer() {
    }

    /**
     * @return always {@code null}
     * @throws SerializationException naming the topic and the length when {@code data} is not null, even when empty
     */
    @Override
    public Void deserialize(String topic, byte[] data) {
        if (data != null) {
            throw new SerializationException("cannot deserialize a Void from topic " + topic
                    + ": expected null data but got " + data.length + " byte" + (data.length == 1 ? "" : "s"));
        }
        return null;
    }
}
