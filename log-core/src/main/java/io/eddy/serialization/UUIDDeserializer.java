package io.eddy.serialization;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Decodes the 36-character string form of a {@link UUID} from UTF-8 bytes (or the encoding configured under Kafka's
 * keys {@code key.deserializer.encoding} / {@code value.deserializer.encoding} / {@code deserializer.encoding});
 * byte-compatible with Kafka's {@code UUIDSerializer}.
 *
 * <p>Stricter than {@link UUID#fromString}: only the canonical 36-character form
 * {@code xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx} is accepted, which is what every UUID serializer writes.
 *
 * <p>Thread-safe once configured. {@code null} deserializes to {@code null}.
 */
public final class UUIDDeserializer implements Deserializer<UUID> {
    private static final int CANONICAL_LENGTH = 36;

    private volatile Charset encoding = StandardCharsets.UTF_8;

    /** Creates a UTF-8 deserializer. */
    public UUIDDeserializer() {
    }

    /**
     * Sets the encoding as {@link StringDeserializer#configure} does.
     *
     * @throws SerializationException naming the config key and value if the encoding is not supported
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        encoding = EncodingConfig.resolve(configs, isKey, EncodingConfig.DESERIALIZER, encoding);
    }

    /**
     * @return the UUID, or {@code null} when {@code data} is null
     * @throws SerializationException naming the topic and the decoded text when it is not a canonical UUID string
     */
    @Override
    public UUID deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        String text = new String(data, encoding);
        if (text.length() != CANONICAL_LENGTH) {
            throw new SerializationException("cannot deserialize a UUID from topic " + topic + ": expected "
                    + CANONICAL_LENGTH + " characters but got " + text.length() + ": '" + text + "'");
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new SerializationException(
                    "cannot deserialize a UUID from topic " + topic + ": '" + text + "' is not a UUID string", e);
        }
    }
}
