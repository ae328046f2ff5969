package io.eddy.serialization;

import io.eddy.log.Headers;
import java.io.Closeable;
import java.util.Map;

/**
 * Turns bytes back into objects of type {@code T}, mirroring Kafka's
 * {@code org.apache.kafka.common.serialization.Deserializer}.
 *
 * <p>Implementations used by Eddy's built-in serdes are stateless and thread-safe. A deserializer must map {@code null}
 * to {@code null}.
 *
 * @param <T> the type deserialized
 */
public interface Deserializer<T> extends Closeable {

    /**
     * Configures this deserializer; called once before first use by frameworks that configure serdes from properties.
     *
     * @param configs the configuration entries
     * @param isKey whether this deserializer handles record keys (true) or values (false)
     */
    default void configure(Map<String, ?> configs, boolean isKey) {
    }

    /**
     * Deserializes {@code data}.
     *
     * @param topic the topic the bytes were read from (may be {@code null})
     * @param data the bytes, possibly {@code null}
     * @return the object, or {@code null} when {@code data} is {@code null}
     * @throws SerializationException if the bytes are not a valid encoding of {@code T}; the message names what is wrong
     */
    T deserialize(String topic, byte[] data);

    /**
     * Deserializes {@code data}, with access to the record's headers. The default ignores the headers.
     *
     * @param topic the topic the bytes were read from
     * @param headers the record's headers
     * @param data the bytes, possibly {@code null}
     * @return the object, or {@code null} when {@code data} is {@code null}
     * @throws SerializationException if the bytes are not a valid encoding of {@code T}
     */
    default T deserialize(String topic, Headers headers, byte[] data) {
        return deserialize(topic, data);
    }

    /** Releases any resources; the default does nothing. */
    @Override
    default void close() {
    }
}
