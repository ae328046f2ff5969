package io.eddy.serialization;

/**
 * Decodes a {@link Long} from 8 bytes, big-endian two's complement;
 * byte-compatible with Kafka's {@code LongDeserializer}. The layout is owned by {@code FixedWidthFormat}.
 *
 * <p>Stateless and thread-safe. {@code null} deserializes to {@code null}.
 */
public final class LongDeserializer implements Deserializer<Long> {

    /** Creates the deserializer; it has no configuration. */
    public LongDeserializer() {
    }

    /**
     * @return the decoded value, or {@code null} when {@code data} is null
     * @throws SerializationException naming the topic, the expected and the actual length when {@code data} is not
     *     exactly 8 bytes long
     */
    @Override
    public Long deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        FixedWidthFormat.checkLength("Long", topic, data, FixedWidthFormat.LONG_SIZE);
        return FixedWidthFormat.readLong(data);
    }
}
