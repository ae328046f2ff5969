package io.eddy.state;

import java.util.Objects;

/**
 * An immutable key-value pair, mirroring Kafka Streams' {@code org.apache.kafka.streams.KeyValue} (public fields
 * {@code key} and {@code value}, built with {@link #pair}). Either part may be null.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class KeyValue<K, V> {

    /** The key, possibly null. */
    public final K key;
    /** The value, possibly null (a tombstone when written to a store). */
    public final V value;

    /**
     * @param key the key
     * @param value the value
     */
    public KeyValue(K key, V value) {
        this.key = key;
        this.value = value;
    }

    /**
     * @param key the key
     * @param value the value
     * @param <K> the key type
     * @param <V> the value type
     * @return a new pair
     */
    public static <K, V> KeyValue<K, V> pair(K key, V value) {
        return new KeyValue<>(key, value);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof KeyValue<?, ?> other
                && Objects.deepEquals(key, other.key) && Objects.deepEquals(value, other.value));
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(key) + Objects.hashCode(value);
    }

    @Override
    public String toString() {
        return "KeyValue(" + key + ", " + value + ")";
    }
}
