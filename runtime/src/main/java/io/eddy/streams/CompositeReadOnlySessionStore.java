package io.eddy.streams;

import io.eddy.state.KeyValueIterator;
import io.eddy.state.ReadOnlySessionStore;
import io.eddy.state.Windowed;
import io.eddy.streams.internal.ConcatenatingIterator;
import java.util.List;

/**
 * A read-only session-store view over the same store of every local task; queries concatenate the tasks' results (a
 * key's sessions live in one task's store). Reads see committed state, from any thread.
 */
final class CompositeReadOnlySessionStore<K, V> implements ReadOnlySessionStore<K, V> {
    private final List<ReadOnlySessionStore<K, V>> stores;

    CompositeReadOnlySessionStore(List<ReadOnlySessionStore<K, V>> stores) {
        this.stores = stores;
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> findSessions(K key, long earliestSessionEndTime,
                                                         long latestSessionStartTime) {
        return ConcatenatingIterator.over(stores, s -> s.findSessions(key, earliestSessionEndTime,
                latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFindSessions(K key, long earliestSessionEndTime,
                                                                 long latestSessionStartTime) {
        return ConcatenatingIterator.over(stores, s -> s.backwardFindSessions(key, earliestSessionEndTime,
                latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> findSessions(K keyFrom, K keyTo, long earliestSessionEndTime,
                                                         long latestSessionStartTime) {
        return ConcatenatingIterator.over(stores, s -> s.findSessions(keyFrom, keyTo, earliestSessionEndTime,
                latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFindSessions(K keyFrom, K keyTo, long earliestSessionEndTime,
                                                                 long latestSessionStartTime) {
        return ConcatenatingIterator.over(stores, s -> s.backwardFindSessions(keyFrom, keyTo,
                earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public V fetchSession(K key, long sessionStartTime, long sessionEndTime) {
        for (ReadOnlySessionStore<K, V> s : stores) {
            V v = s.fetchSession(key, sessionStartTime, sessionEndTime);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K key) {
        return ConcatenatingIterator.over(stores, s -> s.fetch(key));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K key) {
        return ConcatenatingIterator.over(stores, s -> s.backwardFetch(key));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo) {
        return ConcatenatingIterator.over(stores, s -> s.fetch(keyFrom, keyTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo) {
        return ConcatenatingIterator.over(stores, s -> s.backwardFetch(keyFrom, keyTo));
    }
}
