package io.eddy.streams;

import io.eddy.state.KeyValueIterator;
import io.eddy.state.ReadOnlyWindowStore;
import io.eddy.state.WindowStoreIterator;
import io.eddy.state.Windowed;
import io.eddy.streams.internal.ConcatenatingIterator;
import java.time.Instant;
import java.util.List;

/**
 * A read-only window-store view over the same store of every local task: single-key lookups ask each task's store
 * until one has the key; range queries concatenate the tasks' iterators, as Kafka Streams does. Reads see committed
 * state and may run on any thread while processing continues.
 */
final class CompositeReadOnlyWindowStore<K, V> implements ReadOnlyWindowStore<K, V> {
    private final List<ReadOnlyWindowStore<K, V>> stores;

    CompositeReadOnlyWindowStore(List<ReadOnlyWindowStore<K, V>> stores) {
        this.stores = stores;
    }

    @Override
    public V fetch(K key, long time) {
        for (ReadOnlyWindowStore<K, V> s : stores) {
            V v = s.fetch(key, time);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    @Override
    public WindowStoreIterator<V> fetch(K key, Instant timeFrom, Instant timeTo) {
        return firstNonEmpty(stores.stream().map(s -> s.fetch(key, timeFrom, timeTo)).iterator());
    }

    @Override
    public WindowStoreIterator<V> backwardFetch(K key, Instant timeFrom, Instant timeTo) {
        return firstNonEmpty(stores.stream().map(s -> s.backwardFetch(key, timeFrom, timeTo)).iterator());
    }

    /** A key lives in one task's store: return the first non-empty iterator, closing the others. */
    private WindowStoreIterator<V> firstNonEmpty(java.util.Iterator<WindowStoreIterator<V>> its) {
        WindowStoreIterator<V> last = null;
        while (its.hasNext()) {
            if (last != null) {
                last.close();
            }
            last = its.next();
            if (last.hasNext()) {
                return last;
            }
        }
        return last;
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo) {
        return ConcatenatingIterator.over(stores, s -> s.fetch(keyFrom, keyTo, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo) {
        return ConcatenatingIterator.over(stores, s -> s.backwardFetch(keyFrom, keyTo, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> all() {
        return ConcatenatingIterator.over(stores, ReadOnlyWindowStore::all);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardAll() {
        return ConcatenatingIterator.over(stores, ReadOnlyWindowStore::backwardAll);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetchAll(Instant timeFrom, Instant timeTo) {
        return ConcatenatingIterator.over(stores, s -> s.fetchAll(timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetchAll(Instant timeFrom, Instant timeTo) {
        return ConcatenatingIterator.over(stores, s -> s.backwardFetchAll(timeFrom, timeTo));
    }
}
