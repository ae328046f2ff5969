package io.eddy.serialization;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Decodes UTF-8 bytes (or bytes in the encoding configured under Kafka's keys {@code key.deserializer.encoding} /
 * {@code value.deserializer.encoding} / {@code deserializer.encoding}) into a {@link String}; byte-compatible with
 * Kafka's {@code StringDeserializer}. As in Kafka, malformed input is decoded with replacement characters rather than
 * rejected.
 *
 * <p>Thread-safe: {@link #configure} is meant to run once before use, and the configured encoding is published
 * safely to every thread. {@code null} deserializes to {@code null}.
 */
public final class StringDeserializer implements Deserializer<String> {
    private volatile Charset encoding = StandardCharsets.UTF_8;

    /** Creates a UTF-8 deserializer. */
    public StringDeserializer() {
    }

    /**
     * Sets the encoding from {@code key.deserializer.encoding} or {@code value.deserializer.encoding} (per
     * {@code isKey}), else {@code deserializer.encoding}; keeps the current encoding when neither is set.
     *
     * @throws SerializationException naming the config key and value if the encoding is not supported
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        encoding = EncodingConfig.resolve(configs, isKey, EncodingConfig.DESERIALIZER, encoding);
    }

    /** @return {@code data} decoded with the configured encoding, or {@code null} when {@code data} is null */
    @Override
    public String deserialize(String topic, byte[] data) {
        return data == null ? null : new String(data, encoding);
    }

    /** @return the encoding in use */
    public Charset encoding() {
        return encoding;
    }
}
