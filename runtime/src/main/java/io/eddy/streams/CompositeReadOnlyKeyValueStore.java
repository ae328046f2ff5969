package io.eddy.streams;

import io.eddy.state.KeyValueIterator;
import io.eddy.state.ReadOnlyKeyValueStore;
import io.eddy.streams.internal.ConcatenatingIterator;
import java.util.List;
import java.util.function.Function;

/**
 * A read-only key-value view over the same store of every local task. A key lives in one task's store, so
 * {@link #get} asks each until one answers; range queries concatenate the tasks' iterators (ordered within each task,
 * as in Kafka Streams). Safe to use from any thread while processing continues; reads see flushed (committed) state.
 */
final class CompositeReadOnlyKeyValueStore<K, V> implements ReadOnlyKeyValueStore<K, V> {
    private final List<ReadOnlyKeyValueStore<K, V>> stores;

    CompositeReadOnlyKeyValueStore(List<ReadOnlyKeyValueStore<K, V>> stores) {
        this.stores = stores;
    }

    @Override
    public V get(K key) {
        for (ReadOnlyKeyValueStore<K, V> s : stores) {
            V v = s.get(key);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return concat(s -> s.range(from, to));
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        return concat(s -> s.reverseRange(from, to));
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return concat(ReadOnlyKeyValueStore::all);
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return concat(ReadOnlyKeyValueStore::reverseAll);
    }

    @Override
    public <PS extends io.eddy.serialization.Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix,
                                                                                                  PS prefixKeySerializer) {
        return concat(s -> s.prefixScan(prefix, prefixKeySerializer));
    }

    @Override
    public long approximateNumEntries() {
        long total = 0;
        for (ReadOnlyKeyValueStore<K, V> s : stores) {
            total += s.approximateNumEntries();
            if (total < 0) {
                return Long.MAX_VALUE;
            }
        }
        return total;
    }

    private KeyValueIterator<K, V> concat(Function<ReadOnlyKeyValueStore<K, V>, KeyValueIterator<K, V>> open) {
        return ConcatenatingIterator.over(stores, open);
    }
}
