package io.eddy.serialization;

import java.io.Closeable;
import java.util.Map;

/**
 * A matching {@link Serializer} and {@link Deserializer} for one type, mirroring Kafka's
 * {@code org.apache.kafka.common.serialization.Serde}. Built-in serdes come from {@link Serdes}.
 *
 * @param <T> the type handled
 */
public interface Serde<T> extends Closeable {

    /** @return the serializer; the same instance on every call */
    Serializer<T> serializer();

    /** @return the deserializer; the same instance on every call */
    Deserializer<T> deserializer();

    /**
     * Configures both halves.
     *
     * @param configs the configuration entries
     * @param isKey whether this serde handles keys (true) or values (false)
     */
    default void configure(Map<String, ?> configs, boolean isKey) {
        serializer().configure(configs, isKey);
        deserializer().configure(configs, isKey);
    }

    /** Closes both halves. */
    @Override
    default void close() {
        serializer().close();
        deserializer().close();
    }
}
