package io.eddy.state;

import java.util.List;

/**
 * A read-write key-value store, mirroring Kafka Streams' {@code org.apache.kafka.streams.state.KeyValueStore}.
 *
 * <p>Writes come only from the owning task's thread. A write is visible to that thread at once; it reaches the
 * persistent layer and the changelog on {@link #flush()} (or eviction from a record cache), and is durable once the
 * task commits.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface KeyValueStore<K, V> extends StateStore, ReadOnlyKeyValueStore<K, V> {

    /**
     * Associates {@code value} with {@code key}; a null value deletes the key.
     *
     * @param key the key, not null
     * @param value the value, or null to delete
     * @throws NullPointerException if {@code key} is null
     * @throws InvalidStateStoreException if the store is not open
     */
    void put(K key, V value);

    /**
     * Puts {@code value} only when {@code key} has no value.
     *
     * @param key the key, not null
     * @param value the value to put if absent
     * @return the existing value, or null when there was none and {@code value} was put
     * @throws NullPointerException if {@code key} is null
     * @throws InvalidStateStoreException if the store is not open
     */
    V putIfAbsent(K key, V value);

    /**
     * Puts every entry in list order (a later entry for the same key wins); null values delete. Persistent stores write
     * the whole list in one atomic batch.
     *
     * @param entries the entries, none with a null key
     * @throws NullPointerException if a key is null
     * @throws InvalidStateStoreException if the store is not open
     */
    void putAll(List<KeyValue<K, V>> entries);

    /**
     * Deletes {@code key}.
     *
     * @param key the key, not null
     * @return the value it had, or null
     * @throws NullPointerException if {@code key} is null
     * @throws InvalidStateStoreException if the store is not open
     */
    V delete(K key);
}
