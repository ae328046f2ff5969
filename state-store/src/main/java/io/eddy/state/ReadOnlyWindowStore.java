package io.eddy.state;

import java.time.Instant;

/**
 * Read access to a window store, mirroring Kafka Streams' {@code org.apache.kafka.streams.state.ReadOnlyWindowStore}.
 * Each entry is a key, a window start timestamp and a value; several windows of one key may be present.
 *
 * <p>Time bounds are inclusive on window <em>start</em> timestamps: {@code fetch(key, from, to)} returns the windows of
 * {@code key} with {@code from <= windowStart <= to}. Key bounds are inclusive; a null key bound leaves that end open.
 * Entries are ordered by key bytes then window start (the {@code fetch(key, ...)} iterators by window start only);
 * backward variants reverse the order.
 *
 * <p>Thread safety: may be called from interactive-query threads while the owning thread writes; such callers see only
 * what has been flushed below any record cache. Returned iterators must be closed.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface ReadOnlyWindowStore<K, V> {

    /**
     * @param key the key, not null
     * @param time the window start timestamp in milliseconds
     * @return the value of the window of {@code key} starting exactly at {@code time}, or null
     * @throws NullPointerException if {@code key} is null
     * @throws InvalidStateStoreException if the store is not open
     */
    V fetch(K key, long time);

    /**
     * @param key the key, not null
     * @param timeFrom the earliest window start (inclusive)
     * @param timeTo the latest window start (inclusive)
     * @return the windows of {@code key} in ascending start order; empty when {@code timeFrom > timeTo}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if an instant cannot be expressed as epoch milliseconds
     * @throws InvalidStateStoreException if the store is not open
     */
    WindowStoreIterator<V> fetch(K key, Instant timeFrom, Instant timeTo);

    /**
     * Like {@link #fetch(Object, Instant, Instant)} in descending start order.
     *
     * @param key the key, not null
     * @param timeFrom the earliest window start (inclusive)
     * @param timeTo the latest window start (inclusive)
     * @return the windows of {@code key} in descending start order
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if an instant cannot be expressed as epoch milliseconds
     * @throws InvalidStateStoreException if the store is not open
     */
    WindowStoreIterator<V> backwardFetch(K key, Instant timeFrom, Instant timeTo);

    /**
     * @param keyFrom the first key (inclusive), or null for open
     * @param keyTo the last key (inclusive), or null for open
     * @param timeFrom the earliest window start (inclusive)
     * @param timeTo the latest window start (inclusive)
     * @return the matching windows ordered by key bytes then start; empty when {@code keyFrom > keyTo}
     * @throws NullPointerException if a time bound is null
     * @throws IllegalArgumentException if an instant cannot be expressed as epoch milliseconds
     * @throws InvalidStateStoreException if the store is not open
     */
    KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo);

    /**
     * Like {@link #fetch(Object, Object, Instant, Instant)} in reverse order.
     *
     * @param keyFrom the first key (inclusive), or null for open
     * @param keyTo the last key (inclusive), or null for open
     * @param timeFrom the earliest window start (inclusive)
     * @param timeTo the latest window start (inclusive)
     * @return the matching windows in reverse order
     * @throws NullPointerException if a time bound is null
     * @throws IllegalArgumentException if an instant cannot be expressed as epoch milliseconds
     * @throws InvalidStateStoreException if the store is not open
     */
    KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo);

    /**
     * @return every window of every key, ordered by key bytes then start; must be closed
     * @throws InvalidStateStoreException if the store is not open
     */
    KeyValueIterator<Windowed<K>, V> all();

    /**
     * @return every window of every key in reverse order; must be closed
     * @throws InvalidStateStoreException if the store is not open
     */
    KeyValueIterator<Windowed<K>, V> backwardAll();

    /**
     * @param timeFrom the earliest window start (inclusive)
     * @param timeTo the latest window start (inclusive)
     * @return every window of every key starting in the bounds, ordered by key bytes then start
     * @throws NullPointerException if a bound is null
     * @throws IllegalArgumentException if an instant cannot be expressed as epoch milliseconds
     * @throws InvalidStateStoreException if the store is not open
     */
    KeyValueIterator<Windowed<K>, V> fetchAll(Instant timeFrom, Instant timeTo);

    /**
     * Like {@link #fetchAll(Instant, Instant)} in reverse order.
     *
     * @param timeFrom the earliest window start (inclusive)
     * @param timeTo the latest window start (inclusive)
     * @return the windows in reverse order
     * @throws NullPointerException if a bound is null
     * @throws IllegalArgumentException if an instant cannot be expressed as epoch milliseconds
     * @throws InvalidStateStoreException if the store is not open
     */
    KeyValueIterator<Windowed<K>, V> backwardFetchAll(Instant timeFrom, Instant timeTo);
}
