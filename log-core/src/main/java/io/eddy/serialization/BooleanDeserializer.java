package io.eddy.serialization;

/**
 * Decodes a {@link Boolean} from one byte, {@code 0x01} for true and {@code 0x00} for false; byte-compatible with
 * Kafka's {@code BooleanDeserializer}. Any other byte is rejected rather than guessed at.
 *
 * <p>Stateless and thread-safe. {@code null} deserializes to {@code null}.
 */
public final class BooleanDeserializer implements Deserializer<Boolean> {

    /** Creates the deserializer; it has no configuration. */
    public BooleanDeserializer() {
    }

    /**
     * @return the decoded value, or {@code null} when {@code data} is null
     * @throws SerializationException naming the topic and the lengths when {@code data} is not exactly 1 byte long, or
     *     naming the byte when it is neither 0x00 nor 0x01
     */
    @Override
    public Boolean deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        FixedWidthFormat.checkLength("Boolean", topic, data, FixedWidthFormat.BOOLEAN_SIZE);
        if (data[0] == FixedWidthFormat.TRUE) {
            return Boolean.TRUE;
        }
        if (data[0] == FixedWidthFormat.FALSE) {
            return Boolean.FALSE;
        }
        throw new SerializationException("cannot deserialize a Boolean from topic " + topic
                + ": expected byte 0x00 or 0x01 but got 0x" + String.format("%02X", data[0] & 0xFF));
    }
}
