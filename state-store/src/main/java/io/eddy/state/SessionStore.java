package io.eddy.state;

/**
 * A read-write session store, mirroring Kafka Streams' {@code org.apache.kafka.streams.state.SessionStore}. Sessions
 * whose end is older than the retention period (relative to stream time) are dropped. Writes come only from the owning
 * task's thread; see {@link ReadOnlySessionStore} for reads and ordering.
 *
 * @param <K> the key type
 * @param <AGG> the aggregate type
 */
public interface SessionStore<K, AGG> extends StateStore, ReadOnlySessionStore<K, AGG> {

    /**
     * Puts the aggregate of a session; a null aggregate removes it.
     *
     * @param sessionKey the key and its {@link SessionWindow}, not null
     * @param aggregate the aggregate, or null to remove
     * @throws NullPointerException if {@code sessionKey} or its key is null
     * @throws InvalidStateStoreException if the store is not open
     */
    void put(Windowed<K> sessionKey, AGG aggregate);

    /**
     * Removes a session.
     *
     * @param sessionKey the key and its exact {@link SessionWindow}, not null
     * @throws NullPointerException if {@code sessionKey} or its key is null
     * @throws InvalidStateStoreException if the store is not open
     */
    void remove(Windowed<K> sessionKey);

    /**
     * Every session of every key whose end lies in {@code [earliestSessionEndTime, latestSessionEndTime]}, ordered by
     * key bytes then end then start.
     *
     * @param earliestSessionEndTime the earliest session end (inclusive)
     * @param latestSessionEndTime the latest session end (inclusive)
     * @return the matching sessions; must be closed
     * @throws InvalidStateStoreException if the store is not open
     */
    KeyValueIterator<Windowed<K>, AGG> findSessions(long earliestSessionEndTime, long latestSessionEndTime);
}
