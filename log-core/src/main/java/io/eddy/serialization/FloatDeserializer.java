package io.eddy.serialization;

/**
 * Decodes a {@link Float} from the 4 bytes of {@link Float#floatToRawIntBits}, big-endian;
 * byte-compatible with Kafka's {@code FloatDeserializer}. The layout is owned by {@code FixedWidthFormat}.
 *
 * <p>Stateless and thread-safe. {@code null} deserializes to {@code null}.
 */
public final class FloatDeserializer implements Deserializer<Float> {

    /** Creates the deserializer; it has no configuration. */
    public FloatDeserializer() {
    }

    /**
     * @return the decoded value, or {@code null} when {@code data} is null
     * @throws SerializationException naming the topic, the expected and the actual length when {@code data} is not
     *     exactly 4 bytes long
     */
    @Override
    public Float deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        FixedWidthFormat.checkLength("Float", topic, data, FixedWidthFormat.FLOAT_SIZE);
        return FixedWidthFormat.readFloat(data);
    }
}
