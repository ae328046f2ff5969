package io.eddy.serialization;

/**
 * Decodes a {@link Integer} from 4 bytes, big-endian two's complement;
 * byte-compatible with Kafka's {@code IntegerDeserializer}. The layout is owned by {@code FixedWidthFormat}.
 *
 * <p>Stateless and thread-safe. {@code null} deserializes to {@code null}.
 */
public final class IntegerDeserializer implements Deserializer<Integer> {

    /** Creates the deserializer; it has no configuration. */
    public IntegerDeserializer() {
    }

    /**
     * @return the decoded value, or {@code null} when {@code data} is null
     * @throws SerializationException naming the topic, the expected and the actual length when {@code data} is not
     *     exactly 4 bytes long
     */
    @Override
    public Integer deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        FixedWidthFormat.checkLength("Integer", topic, data, FixedWidthFormat.INT_SIZE);
        return FixedWidthFormat.readInt(data);
    }
}
