package io.eddy.streams.kstream;

/**
 * Maps a record's key and value to a new value (a new key, a {@code KeyValue}, or an iterable of them).
 *
 * <p>As Kafka Streams' {@code KeyValueMapper}. Implementations should be stateless and side-effect free unless the operator's
 * contract says otherwise; they are called on the task's thread, one record at a time.
 */
@FunctionalInterface
public interface KeyValueMapper<K, V, VR> {
    /**
     * @param key the key (may be null)
     * @param value the value (may be null)
     * @return the mapped result
     */
    VR apply(K key, V value);
}
