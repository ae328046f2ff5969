package io.eddy.state;

import java.time.Instant;

/**
 * A read-write window store, mirroring Kafka Streams' {@code org.apache.kafka.streams.state.WindowStore}.
 *
 * <p>Windows older than the store's retention period (relative to the largest window start seen, i.e. stream time)
 * are dropped: writes to them are ignored and reads do not return them. A store built with {@code retainDuplicates}
 * keeps every put of the same key and window (for stream-stream joins) instead of overwriting.
 *
 * <p>Writes come only from the owning task's thread; see {@link ReadOnlyWindowStore} for reads and ordering. The
 * {@code long} variants are the primitive operations; the {@link Instant} variants delegate to them.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface WindowStore<K, V> extends StateStore, ReadOnlyWindowStore<K, V> {

    /**
     * Puts a value for the window of {@code key} starting at {@code windowStartTimestamp}; a null value deletes it
     * (without {@code retainDuplicates}).
     *
     * @param key the key, not null
     * @param value the value, or null to delete
     * @param windowStartTimestamp the window start in milliseconds
     * @throws NullPointerException if {@code key} is null
     * @throws InvalidStateStoreException if the store is not open
     */
    void put(K key, V value, long windowStartTimestamp);

    /**
     * @param key the key, not null
     * @param timeFrom the earliest window start (inclusive), in milliseconds
     * @param timeTo the latest window start (inclusive), in milliseconds
     * @return the windows of {@code key} in ascending start order
     * @throws NullPointerException if {@code key} is null
     * @throws InvalidStateStoreException if the store is not open
     */
    WindowStoreIterator<V> fetch(K key, long timeFrom, long timeTo);

    /**
     * @param key the key, not null
     * @param timeFrom the earliest window start (inclusive), in milliseconds
     * @param timeTo the latest window start (inclusive), in milliseconds
     * @return the windows of {@code key} in descending start order
     * @throws NullPointerException if {@code key} is null
     * @throws InvalidStateStoreException if the store is not open
     */
    WindowStoreIterator<V> backwardFetch(K key, long timeFrom, long timeTo);

    /**
     * @param keyFrom the first key (inclusive), or null for open
     * @param keyTo the last key (inclusive), or null for open
     * @param timeFrom the earliest window start (inclusive), in milliseconds
     * @param timeTo the latest window start (inclusive), in milliseconds
     * @return the matching windows ordered by key bytes then start
     * @throws InvalidStateStoreException if the store is not open
     */
    KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, long timeFrom, long timeTo);

    /**
     * @param keyFrom the first key (inclusive), or null for open
     * @param keyTo the last key (inclusive), or null for open
     * @param timeFrom the earliest window start (inclusive), in milliseconds
     * @param timeTo the latest window start (inclusive), in milliseconds
     * @return the matching windows in reverse order
     * @throws InvalidStateStoreException if the store is not open
     */
    KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, long timeFrom, long timeTo);

    /**
     * @param timeFrom the earliest window start (inclusive), in milliseconds
     * @param timeTo the latest window start (inclusive), in milliseconds
     * @return every window starting in the bounds, ordered by key bytes then start
     * @throws InvalidStateStoreException if the store is not open
     */
    KeyValueIterator<Windowed<K>, V> fetchAll(long timeFrom, long timeTo);

    /**
     * @param timeFrom the earliest window start (inclusive), in milliseconds
     * @param timeTo the latest window start (inclusive), in milliseconds
     * @return every window starting in the bounds, in reverse order
     * @throws InvalidStateStoreException if the store is not open
     */
    KeyValueIterator<Windowed<K>, V> backwardFetchAll(long timeFrom, long timeTo);

    @Override
    default WindowStoreIterator<V> fetch(K key, Instant timeFrom, Instant timeTo) {
        return fetch(key, InstantBounds.toEpochMilli(timeFrom, "timeFrom"), InstantBounds.toEpochMilli(timeTo, "timeTo"));
    }

    @Override
    default WindowStoreIterator<V> backwardFetch(K key, Instant timeFrom, Instant timeTo) {
        return backwardFetch(key, InstantBounds.toEpochMilli(timeFrom, "timeFrom"),
                InstantBounds.toEpochMilli(timeTo, "timeTo"));
    }

    @Override
    default KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo) {
        return fetch(keyFrom, keyTo, InstantBounds.toEpochMilli(timeFrom, "timeFrom"),
                InstantBounds.toEpochMilli(timeTo, "timeTo"));
    }

    @Override
    default KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo) {
        return backwardFetch(keyFrom, keyTo, InstantBounds.toEpochMilli(timeFrom, "timeFrom"),
                InstantBounds.toEpochMilli(timeTo, "timeTo"));
    }

    @Override
    default KeyValueIterator<Windowed<K>, V> fetchAll(Instant timeFrom, Instant timeTo) {
        return fetchAll(InstantBounds.toEpochMilli(timeFrom, "timeFrom"), InstantBounds.toEpochMilli(timeTo, "timeTo"));
    }

    @Override
    default KeyValueIterator<Windowed<K>, V> backwardFetchAll(Instant timeFrom, Instant timeTo) {
        return backwardFetchAll(InstantBounds.toEpochMilli(timeFrom, "timeFrom"),
                InstantBounds.toEpochMilli(timeTo, "timeTo"));
    }
}
