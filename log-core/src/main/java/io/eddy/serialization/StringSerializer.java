package io.eddy.serialization;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Encodes a {@link String} in UTF-8, or in the encoding configured under Kafka's keys {@code key.serializer.encoding} /
 * {@code value.serializer.encoding} / {@code serializer.encoding}; byte-compatible with Kafka's
 * {@code StringSerializer}.
 *
 * <p>Thread-safe: {@link #configure} is meant to run once before use, and the configured encoding is published
 * safely to every thread. {@code null} serializes to {@code null}.
 */
public final class StringSerializer implements Serializer<String> {
    private volatile Charset encoding = StandardCharsets.UTF_8;

    /** Creates a UTF-8 serializer. */
    public StringSerializer() {
    }

    /**
     * Sets the encoding from {@code key.serializer.encoding} or {@code value.serializer.encoding} (per {@code isKey}),
     * else {@code serializer.encoding}; keeps the current encoding when neither is set.
     *
     * @throws SerializationException naming the config key and value if the encoding is not supported
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        encoding = EncodingConfig.resolve(configs, isKey, EncodingConfig.SERIALIZER, encoding);
    }

    /**
     * @return the bytes of {@code data} in the configured encoding, or {@code null} when {@code data} is null
     */
    @Override
    public byte[] serialize(String topic, String data) {
        return data == null ? null : data.getBytes(encoding);
    }

    /** @return the encoding in use */
    public Charset encoding() {
        return encoding;
    }
}
