package io.eddy.state;

import java.time.Instant;

/**
 * Read access to a session store, mirroring Kafka Streams' {@code org.apache.kafka.streams.state.ReadOnlySessionStore}.
 * Each entry is a {@link Windowed} key whose window is a {@link SessionWindow} {@code [start, end]}.
 *
 * <p>{@code findSessions(key, earliestSessionEndTime, latestSessionStartTime)} returns the sessions of {@code key} with
 * {@code end >= earliestSessionEndTime} and {@code start <= latestSessionStartTime}, i.e. those that overlap or touch
 * that interval. Key bounds are inclusive; a null key bound leaves that end open. Entries are ordered by key bytes,
 * then session end, then session start; backward variants reverse the order.
 *
 * <p>Thread safety: may be called from interactive-query threads while the owning thread writes; such callers see only
 * what has been flushed below any record cache. Returned iterators must be closed.
 *
 * @param <K> the key type
 * @param <AGG> the aggregate type
 */
public interface ReadOnlySessionStore<K, AGG> {

    /**
     * @param key the key, not null
     * @param earliestSessionEndTime sessions ending before this are skipped
     * @param latestSessionStartTime sessions starting after this are skipped
     * @return the matching sessions of {@code key}
     * @throws NullPointerException if {@code key} is null
     * @throws InvalidStateStoreException if the store is not open
     */
    KeyValueIterator<Windowed<K>, AGG> findSessions(K key, long earliestSessionEndTime, long latestSessionStartTime);

    /**
     * Like {@link #findSessions(Object, long, long)} in reverse order.
     *
     * @param key the key, not null
     * @param earliestSessionEndTime sessions ending before this are skipped
     * @param latestSessionStartTime sessions starting after this are skipped
     * @return the matching sessions in reverse order
     * @throws NullPointerException if {@code key} is null
     * @throws InvalidStateStoreException if the store is not open
     */
    KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K key, long earliestSessionEndTime,
            long latestSessionStartTime);

    /**
     * @param keyFrom the first key (inclusive), or null for open
     * @param keyTo the last key (inclusive), or null for open
     * @param earliestSessionEndTime sessions ending before this are skipped
     * @param latestSessionStartTime sessions starting after this are skipped
     * @return the matching sessions of the keys in range
     * @throws InvalidStateStoreException if the store is not open
     */
    KeyValueIterator<Windowed<K>, AGG> findSessions(K keyFrom, K keyTo, long earliestSessionEndTime,
            long latestSessionStartTime);

    /**
     * Like {@link #findSessions(Object, Object, long, long)} in reverse order.
     *
     * @param keyFrom the first key (inclusive), or null for open
     * @param keyTo the last key (inclusive), or null for open
     * @param earliestSessionEndTime sessions ending before this are skipped
     * @param latestSessionStartTime sessions starting after this are skipped
     * @return the matching sessions in reverse order
     * @throws InvalidStateStoreException if the store is not open
     */
    KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K keyFrom, K keyTo, long earliestSessionEndTime,
            long latestSessionStartTime);

    /**
     * @param key the key, not null
     * @param sessionStartTime the exact session start
     * @param sessionEndTime the exact session end
     * @return the aggregate of that exact session, or null
     * @throws NullPointerException if {@code key} is null
     * @throws InvalidStateStoreException if the store is not open
     */
    AGG fetchSession(K key, long sessionStartTime, long sessionEndTime);

    /**
     * @param key the key, not null
     * @return every session of {@code key}
     * @throws NullPointerException if {@code key} is null
     * @throws InvalidStateStoreException if the store is not open
     */
    KeyValueIterator<Windowed<K>, AGG> fetch(K key);

    /**
     * @param key the key, not null
     * @return every session of {@code key}, in reverse order
     * @throws NullPointerException if {@code key} is null
     * @throws InvalidStateStoreException if the store is not open
     */
    KeyValueIterator<Windowed<K>, AGG> backwardFetch(K key);

    /**
     * @param keyFrom the first key (inclusive), or null for open
     * @param keyTo the last key (inclusive), or null for open
     * @return every session of the keys in range
     * @throws InvalidStateStoreException if the store is not open
     */
    KeyValueIterator<Windowed<K>, AGG> fetch(K keyFrom, K keyTo);

    /**
     * @param keyFrom the first key (inclusive), or null for open
     * @param keyTo the last key (inclusive), or null for open
     * @return every session of the keys in range, in reverse order
     * @throws InvalidStateStoreException if the store is not open
     */
    KeyValueIterator<Windowed<K>, AGG> backwardFetch(K keyFrom, K keyTo);

    /**
     * Instant variant of {@link #findSessions(Object, long, long)}.
     *
     * @param key the key, not null
     * @param earliestSessionEndTime sessions ending before this are skipped
     * @param latestSessionStartTime sessions starting after this are skipped
     * @return the matching sessions of {@code key}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if an instant cannot be expressed as epoch milliseconds
     * @throws InvalidStateStoreException if the store is not open
     */
    default KeyValueIterator<Windowed<K>, AGG> findSessions(K key, Instant earliestSessionEndTime,
            Instant latestSessionStartTime) {
        return findSessions(key, InstantBounds.toEpochMilli(earliestSessionEndTime, "earliestSessionEndTime"),
                InstantBounds.toEpochMilli(latestSessionStartTime, "latestSessionStartTime"));
    }
}
