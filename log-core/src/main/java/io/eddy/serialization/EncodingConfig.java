package io.eddy.serialization;

import java.nio.charset.Charset;
import java.util.Map;

/**
 * Resolves the character encoding of the text serdes ({@link StringSerializer}, {@link UUIDSerializer} and their
 * deserializers) from configuration, using Kafka's keys: {@code key.serializer.encoding} or
 * {@code value.serializer.encoding} first (depending on {@code isKey}), then {@code serializer.encoding}; likewise with
 * {@code deserializer}. A value may be a charset name or a {@link Charset}.
 */
final class EncodingConfig {
    static final String SERIALIZER = "serializer";
    static final String DESERIALIZER = "deserializer";

    private EncodingConfig() {
    }

    /**
     * @param configs the configuration entries, not null
     * @param isKey whether the configured serde handles keys
     * @param role {@link #SERIALIZER} or {@link #DESERIALIZER}
     * @param current the encoding to keep when no key is set
     * @return the configured encoding, or {@code current}
     * @throws SerializationException naming the key and value when the value is not a supported charset
     */
    static Charset resolve(Map<String, ?> configs, boolean isKey, String role, Charset current) {
        String key = (isKey ? "key." : "value.") + role + ".encoding";
        Object value = configs.get(key);
        if (value == null) {
            key = role + ".encoding";
            value = configs.get(key);
        }
        if (value == null) {
            return current;
        }
        if (value instanceof Charset charset) {
            return charset;
        }
        if (value instanceof String name) {
            try {
                return Charset.forName(name);
            } catch (IllegalArgumentException e) {
                throw new SerializationException("unsupported encoding '" + name + "' in config " + key, e);
            }
        }
        throw new SerializationException("config " + key + " must be a charset name or a java.nio.charset.Charset,"
                + " but was a " + value.getClass().getName() + ": " + value);
    }
}
