package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serde;
import io.eddy.state.CacheFlushListener;
import io.eddy.state.CachedStateStore;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.StateStore;
import io.eddy.state.StateStoreContext;
import io.eddy.state.WindowStore;
import io.eddy.state.WindowStoreIterator;
import io.eddy.state.Windowed;
import java.util.Objects;

/**
 * The typed facade of a window store (the role of Kafka Streams' {@code MeteredWindowStore}): serializes keys and
 * values with the store's serdes on the way down, deserializes on the way up. When the byte store below is a record
 * cache ({@link CachingWindowStore}), the flush listener and {@link #flushCache()} go to it.
 *
 * <p>Thread safety: as the byte store below; serdes must be thread-safe when the store is read from other threads.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public class SerializingWindowStore<K, V> implements WindowStore<K, V>, CachedStateStore<Windowed<K>, V> {

    private final WindowStore<Bytes, byte[]> bytesStore;
    private final StoreSerdes<K, V> serdes;

    /**
     * @param bytesStore the byte store below (cache, changelogging or innermost)
     * @param keySerde the key serde
     * @param valueSerde the value serde
     */
    public SerializingWindowStore(WindowStore<Bytes, byte[]> bytesStore, Serde<K> keySerde, Serde<V> valueSerde) {
        this.bytesStore = Objects.requireNonNull(bytesStore, "bytesStore");
        this.serdes = new StoreSerdes<>(bytesStore.name(), keySerde, valueSerde);
    }

    @Override
    public String name() {
        return bytesStore.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        serdes.topic(context.changelogTopic(name()));
        bytesStore.init(context, root);
    }

    /** @return the byte store below */
    public WindowStore<Bytes, byte[]> bytesStore() {
        return bytesStore;
    }

    @Override
    public void put(K key, V value, long windowStartTimestamp) {
        bytesStore.put(serdes.keyBytes(key), serdes.valueBytes(value), windowStartTimestamp);
    }

    @Override
    public V fetch(K key, long time) {
        return serdes.value(bytesStore.fetch(serdes.keyBytes(key), time));
    }

    @Override
    public WindowStoreIterator<V> fetch(K key, long timeFrom, long timeTo) {
        return typed(bytesStore.fetch(serdes.keyBytes(key), timeFrom, timeTo));
    }

    @Override
    public WindowStoreIterator<V> backwardFetch(K key, long timeFrom, long timeTo) {
        return typed(bytesStore.backwardFetch(serdes.keyBytes(key), timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        return serdes.typed(bytesStore.fetch(serdes.bound(keyFrom), serdes.bound(keyTo), timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        return serdes.typed(bytesStore.backwardFetch(serdes.bound(keyFrom), serdes.bound(keyTo), timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetchAll(long timeFrom, long timeTo) {
        return serdes.typed(bytesStore.fetchAll(timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetchAll(long timeFrom, long timeTo) {
        return serdes.typed(bytesStore.backwardFetchAll(timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> all() {
        return serdes.typed(bytesStore.all());
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardAll() {
        return serdes.typed(bytesStore.backwardAll());
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean setFlushListener(CacheFlushListener<Windowed<K>, V> listener, boolean sendOldValues) {
        Objects.requireNonNull(listener, "listener");
        if (bytesStore instanceof CachedStateStore<?, ?> cached) {
            return ((CachedStateStore<Windowed<Bytes>, byte[]>) cached).setFlushListener(
                    (key, newValue, oldValue, timestamp) -> listener.apply(serdes.windowed(key),
                            serdes.value(newValue), serdes.value(oldValue), timestamp), sendOldValues);
        }
        return false;
    }

    @Override
    public void flushCache() {
        if (bytesStore instanceof CachedStateStore<?, ?> cached) {
            cached.flushCache();
        }
    }

    @Override
    public void flush() {
        bytesStore.flush();
    }

    @Override
    public void close() {
        bytesStore.close();
    }

    @Override
    public boolean persistent() {
        return bytesStore.persistent();
    }

    @Override
    public boolean isOpen() {
        return bytesStore.isOpen();
    }

    private WindowStoreIterator<V> typed(WindowStoreIterator<byte[]> inner) {
        return new WindowStoreIterator<>() {
            @Override
            public Long peekNextKey() {
                return inner.peekNextKey();
            }

            @Override
            public void close() {
                inner.close();
            }

            @Override
            public boolean hasNext() {
                return inner.hasNext();
            }

            @Override
            public KeyValue<Long, V> next() {
                KeyValue<Long, byte[]> next = inner.next();
                return KeyValue.pair(next.key, serdes.value(next.value));
            }
        };
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{" + bytesStore + "}";
    }
}
