package io.eddy.serialization;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Encodes a {@link UUID} as its 36-character {@link UUID#toString()} form in UTF-8 (or the encoding configured under
 * Kafka's keys {@code key.serializer.encoding} / {@code value.serializer.encoding} / {@code serializer.encoding});
 * byte-compatible with Kafka's {@code UUIDSerializer}.
 *
 * <p>Thread-safe once configured. {@code null} serializes to {@code null}.
 */
public final class UUIDSerializer implements Serializer<UUID> {
    private volatile Charset encoding = StandardCharsets.UTF_8;

    /** Creates a UTF-8 serializer. */
    public UUIDSerializer() {
    }

    /**
     * Sets the encoding as {@link StringSerializer#configure} does.
     *
     * @throws SerializationException naming the config key and value if the encoding is not supported
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        encoding = EncodingConfig.resolve(configs, isKey, EncodingConfig.SERIALIZER, encoding);
    }

    /** @return the encoded canonical string form of {@code data}, or {@code null} when {@code data} is null */
    @Override
    public byte[] serialize(String topic, UUID data) {
        return data == null ? null : data.toString().getBytes(encoding);
    }
}
