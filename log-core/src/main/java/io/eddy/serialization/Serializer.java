package io.eddy.serialization;

import io.eddy.log.Headers;
import java.io.Closeable;
import java.util.Map;

/**
 * Turns objects of type {@code T} into bytes, mirroring Kafka's {@code org.apache.kafka.common.serialization.Serializer}.
 *
 * <p>Implementations used by Eddy's built-in serdes are stateless and thread-safe. A serializer must map {@code null}
 * to {@code null} so that tombstones survive the round trip.
 *
 * @param <T> the type serialized
 */
public interface Serializer<T> extends Closeable {

    /**
     * Configures this serializer; called once before first use by frameworks that configure serdes from properties.
     *
     * @param configs the configuration entries
     * @param isKey whether this serializer handles record keys (true) or values (false)
     */
    default void configure(Map<String, ?> configs, boolean isKey) {
    }

    /**
     * Serializes {@code data}.
     *
     * @param topic the topic the bytes are written to (may be used for schema lookups; may be {@code null})
     * @param data the object, possibly {@code null}
     * @return the bytes, or {@code null} when {@code data} is {@code null}
     * @throws SerializationException if {@code data} cannot be serialized
     */
    byte[] serialize(String topic, T data);

    /**
     * Serializes {@code data}, with access to the record's headers. The default ignores the headers.
     *
     * @param topic the topic the bytes are written to
     * @param headers the record's mutable headers
     * @param data the object, possibly {@code null}
     * @return the bytes, or {@code null} when {@code data} is {@code null}
     * @throws SerializationException if {@code data} cannot be serialized
     */
    default byte[] serialize(String topic, Headers headers, T data) {
        return serialize(topic, data);
    }

    /** Releases any resources; the default does nothing. */
    @Override
    default void close() {
    }
}
