package io.eddy.state;

import io.eddy.serialization.Serializer;

/**
 * Read access to a key-value store, mirroring Kafka Streams' {@code org.apache.kafka.streams.state.ReadOnlyKeyValueStore}.
 *
 * <p>Ordering: keys are ordered by their serialized bytes, compared as unsigned bytes lexicographically (a proper
 * prefix sorts first), not by the natural order of {@code K}.
 *
 * <p>Thread safety: these methods may be called from interactive-query threads while the owning thread writes. Such
 * callers see only what has been flushed below any record cache. Returned iterators must be closed.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface ReadOnlyKeyValueStore<K, V> {

    /**
     * @param key the key, not null
     * @return the value, or null when the key is absent (or deleted)
     * @throws NullPointerException if {@code key} is null
     * @throws InvalidStateStoreException if the store is not open
     */
    V get(K key);

    /**
     * Entries with {@code from <= key <= to} (both ends inclusive), in ascending key order. A null bound leaves that
     * end open. When {@code from > to} the iterator is empty (a warning is logged).
     *
     * @param from the first key, or null for the start of the store
     * @param to the last key, or null for the end of the store
     * @return an iterator that must be closed
     * @throws InvalidStateStoreException if the store is not open
     */
    KeyValueIterator<K, V> range(K from, K to);

    /**
     * Like {@link #range} but in descending key order: from {@code to} down to {@code from}.
     *
     * @param from the smallest key, or null for the start of the store
     * @param to the largest key, or null for the end of the store
     * @return an iterator that must be closed
     * @throws InvalidStateStoreException if the store is not open
     */
    KeyValueIterator<K, V> reverseRange(K from, K to);

    /**
     * @return every entry in ascending key order; the iterator must be closed
     * @throws InvalidStateStoreException if the store is not open
     */
    KeyValueIterator<K, V> all();

    /**
     * @return every entry in descending key order; the iterator must be closed
     * @throws InvalidStateStoreException if the store is not open
     */
    KeyValueIterator<K, V> reverseAll();

    /**
     * Entries whose serialized key starts with the bytes of {@code prefix} serialized by {@code prefixKeySerializer},
     * in ascending key order.
     *
     * @param prefix the prefix, not null
     * @param prefixKeySerializer serializes the prefix; its bytes are compared against the stored key bytes
     * @param <P> the prefix type
     * @param <PS> the serializer type
     * @return an iterator that must be closed
     * @throws NullPointerException if {@code prefix} or {@code prefixKeySerializer} is null
     * @throws InvalidStateStoreException if the store is not open
     */
    <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer);

    /**
     * @return an estimate of the number of entries (RocksDB: its own estimate; cached stores: the flushed contents)
     * @throws InvalidStateStoreException if the store is not open
     */
    long approximateNumEntries();
}
