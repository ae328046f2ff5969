package io.eddy.streams;

import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.ReadOnlyWindowStore;
import io.eddy.state.ValueAndTimestamp;
import io.eddy.state.WindowStoreIterator;
import io.eddy.state.Windowed;
import java.time.Instant;

/** Reads a timestamped window store as a plain one, dropping the timestamps. */
final class PlainValueWindowView<K, V> implements ReadOnlyWindowStore<K, V> {
    private final ReadOnlyWindowStore<K, ValueAndTimestamp<V>> inner;

    PlainValueWindowView(ReadOnlyWindowStore<K, ValueAndTimestamp<V>> inner) {
        this.inner = inner;
    }

    private static <V> V plain(ValueAndTimestamp<V> v) {
        return v == null ? null : v.value();
    }

    @Override
    public V fetch(K key, long time) {
        return plain(inner.fetch(key, time));
    }

    @Override
    public WindowStoreIterator<V> fetch(K key, Instant timeFrom, Instant timeTo) {
        return plainTimes(inner.fetch(key, timeFrom, timeTo));
    }

    @Override
    public WindowStoreIterator<V> backwardFetch(K key, Instant timeFrom, Instant timeTo) {
        return plainTimes(inner.backwardFetch(key, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo) {
        return plainWindows(inner.fetch(keyFrom, keyTo, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo) {
        return plainWindows(inner.backwardFetch(keyFrom, keyTo, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> all() {
        return plainWindows(inner.all());
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardAll() {
        return plainWindows(inner.backwardAll());
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetchAll(Instant timeFrom, Instant timeTo) {
        return plainWindows(inner.fetchAll(timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetchAll(Instant timeFrom, Instant timeTo) {
        return plainWindows(inner.backwardFetchAll(timeFrom, timeTo));
    }

    private WindowStoreIterator<V> plainTimes(WindowStoreIterator<ValueAndTimestamp<V>> it) {
        return new WindowStoreIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public KeyValue<Long, V> next() {
                KeyValue<Long, ValueAndTimestamp<V>> kv = it.next();
                return KeyValue.pair(kv.key, plain(kv.value));
            }

            @Override
            public Long peekNextKey() {
                return it.peekNextKey();
            }

            @Override
            public void close() {
                it.close();
            }
        };
    }

    private KeyValueIterator<Windowed<K>, V> plainWindows(KeyValueIterator<Windowed<K>, ValueAndTimestamp<V>> it) {
        return new KeyValueIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public KeyValue<Windowed<K>, V> next() {
                KeyValue<Windowed<K>, ValueAndTimestamp<V>> kv = it.next();
                return KeyValue.pair(kv.key, plain(kv.value));
            }

            @Override
            public Windowed<K> peekNextKey() {
                return it.peekNextKey();
            }

            @Override
            public void close() {
                it.close();
            }
        };
    }
}
