package io.eddy.streams.test;

import io.eddy.serialization.Serializer;
import io.eddy.state.KeyValue;
import io.eddy.streams.internal.PlainValueView;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.KeyValueStore;
import io.eddy.state.StateStore;
import io.eddy.state.StateStoreContext;
import io.eddy.state.TimestampedKeyValueStore;
import io.eddy.state.ValueAndTimestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * Presents a timestamped key-value store as a plain one, for {@link TopologyTestDriver#getKeyValueStore}: reads drop
 * the timestamps; writes stamp values with the current wall-clock time of the driver, as Kafka Streams' driver does.
 */
final class KeyValueStoreFacade<K, V> implements KeyValueStore<K, V> {
    private final TimestampedKeyValueStore<K, V> inner;
    private final java.util.function.LongSupplier now;
    private final PlainValueView<K, V> reads;

    KeyValueStoreFacade(TimestampedKeyValueStore<K, V> inner, java.util.function.LongSupplier now) {
        this.inner = inner;
        this.now = now;
        this.reads = new PlainValueView<>(inner);
    }

    private static <V> V plain(ValueAndTimestamp<V> v) {
        return v == null ? null : v.value();
    }

    @Override
    public void put(K key, V value) {
        inner.put(key, ValueAndTimestamp.make(value, now.getAsLong()));
    }

    @Override
    public V putIfAbsent(K key, V value) {
        return plain(inner.putIfAbsent(key, ValueAndTimestamp.make(value, now.getAsLong())));
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        List<KeyValue<K, ValueAndTimestamp<V>>> stamped = new ArrayList<>();
        for (KeyValue<K, V> kv : entries) {
            stamped.add(KeyValue.pair(kv.key, ValueAndTimestamp.make(kv.value, now.getAsLong())));
        }
        inner.putAll(stamped);
    }

    @Override
    public V delete(K key) {
        return plain(inner.delete(key));
    }

    @Override
    public V get(K key) {
        return reads.get(key);
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return reads.range(from, to);
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        return reads.reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return reads.all();
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return reads.reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        return reads.prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        throw new IllegalStateException("the facade of store " + name() + " is already initialized");
    }

    @Override
    public void flush() {
        inner.flush();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }
}
