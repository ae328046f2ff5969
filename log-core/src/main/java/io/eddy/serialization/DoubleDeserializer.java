package io.eddy.serialization;

/**
 * Decodes a {@link Double} from the 8 bytes of {@link Double#doubleToLongBits} (NaN canonicalized), big-endian;
 * byte-compatible with Kafka's {@code DoubleDeserializer}. The layout is owned by {@code FixedWidthFormat}.
 *
 * <p>Stateless and thread-safe. {@code null} deserializes to {@code null}.
 */
public final class DoubleDeserializer implements Deserializer<Double> {

    /** Creates the deserializer; it has no configuration. */
    public DoubleDeserializer() {
    }

    /**
     * @return the decoded value, or {@code null} when {@code data} is null
     * @throws SerializationException naming the topic, the expected and the actual length when {@code data} is not
     *     exactly 8 bytes long
     */
    @Override
    public Double deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        FixedWidthFormat.checkLength("Double", topic, data, FixedWidthFormat.DOUBLE_SIZE);
        return FixedWidthFormat.readDouble(data);
    }
}
