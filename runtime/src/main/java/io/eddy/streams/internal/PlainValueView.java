package io.eddy.streams.internal;

import io.eddy.serialization.Serializer;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.ReadOnlyKeyValueStore;
import io.eddy.state.ValueAndTimestamp;

/** Reads a timestamped key-value store as a plain one, dropping the timestamps. Thread safety: that of the store. */
public class PlainValueView<K, V> implements ReadOnlyKeyValueStore<K, V> {
    private final ReadOnlyKeyValueStore<K, ValueAndTimestamp<V>> inner;

    public PlainValueView(ReadOnlyKeyValueStore<K, ValueAndTimestamp<V>> inner) {
        this.inner = inner;
    }

    @Override
    public V get(K key) {
        ValueAndTimestamp<V> v = inner.get(key);
        return v == null ? null : v.value();
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return plain(inner.range(from, to));
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        return plain(inner.reverseRange(from, to));
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return plain(inner.all());
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return plain(inner.reverseAll());
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        return plain(inner.prefixScan(prefix, prefixKeySerializer));
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
    }

    private KeyValueIterator<K, V> plain(KeyValueIterator<K, ValueAndTimestamp<V>> it) {
        return new KeyValueIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public KeyValue<K, V> next() {
                KeyValue<K, ValueAndTimestamp<V>> kv = it.next();
                return KeyValue.pair(kv.key, kv.value == null ? null : kv.value.value());
            }

            @Override
            public K peekNextKey() {
                return it.peekNextKey();
            }

            @Override
            public void close() {
                it.close();
            }
        };
    }
}
