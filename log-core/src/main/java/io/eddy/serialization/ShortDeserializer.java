package io.eddy.serialization;

/**
 * Decodes a {@link Short} from 2 bytes, big-endian two's complement;
 * byte-compatible with Kafka's {@code ShortDeserializer}. The layout is owned by {@code FixedWidthFormat}.
 *
 * <p>Stateless and thread-safe. {@code null} deserializes to {@code null}.
 */
public final class ShortDeserializer implements Deserializer<Short> {

    /** Creates the deserializer; it has no configuration. */
    public ShortDeserializer() {
    }

    /**
     * @return the decoded value, or {@code null} when {@code data} is null
     * @throws SerializationException naming the topic, the expected and the actual length when {@code data} is not
     *     exactly 2 bytes long
     */
    @Override
    public Short deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        FixedWidthFormat.checkLength("Short", topic, data, FixedWidthFormat.SHORT_SIZE);
        return FixedWidthFormat.readShort(data);
    }
}
