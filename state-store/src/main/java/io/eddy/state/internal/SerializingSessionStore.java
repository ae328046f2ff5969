package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serde;
import io.eddy.state.CacheFlushListener;
import io.eddy.state.CachedStateStore;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.SessionStore;
import io.eddy.state.StateStore;
import io.eddy.state.StateStoreContext;
import io.eddy.state.Windowed;
import java.util.Objects;

/**
 * The typed facade of a session store (the role of Kafka Streams' {@code MeteredSessionStore}): serializes keys and
 * aggregates with the store's serdes on the way down, deserializes on the way up. When the byte store below is a record
 * cache ({@link CachingSessionStore}), the flush listener and {@link #flushCache()} go to it.
 *
 * <p>Thread safety: as the byte store below; serdes must be thread-safe when the store is read from other threads.
 *
 * @param <K> the key type
 * @param <AGG> the aggregate type
 */
public class SerializingSessionStore<K, AGG> implements SessionStore<K, AGG>, CachedStateStore<Windowed<K>, AGG> {

    private final SessionStore<Bytes, byte[]> bytesStore;
    private final StoreSerdes<K, AGG> serdes;

    /**
     * @param bytesStore the byte store below (cache, changelogging or innermost)
     * @param keySerde the key serde
     * @param aggSerde the aggregate serde
     */
    public SerializingSessionStore(SessionStore<Bytes, byte[]> bytesStore, Serde<K> keySerde, Serde<AGG> aggSerde) {
        this.bytesStore = Objects.requireNonNull(bytesStore, "bytesStore");
        this.serdes = new StoreSerdes<>(bytesStore.name(), keySerde, aggSerde);
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
    public SessionStore<Bytes, byte[]> bytesStore() {
        return bytesStore;
    }

    @Override
    public void put(Windowed<K> sessionKey, AGG aggregate) {
        bytesStore.put(serdes.windowedBytes(sessionKey), serdes.valueBytes(aggregate));
    }

    @Override
    public void remove(Windowed<K> sessionKey) {
        bytesStore.remove(serdes.windowedBytes(sessionKey));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> findSessions(long earliestSessionEndTime, long latestSessionEndTime) {
        return serdes.typed(bytesStore.findSessions(earliestSessionEndTime, latestSessionEndTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> findSessions(K key, long earliestSessionEndTime,
            long latestSessionStartTime) {
        return serdes.typed(bytesStore.findSessions(serdes.keyBytes(key), earliestSessionEndTime,
                latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K key, long earliestSessionEndTime,
            long latestSessionStartTime) {
        return serdes.typed(bytesStore.backwardFindSessions(serdes.keyBytes(key), earliestSessionEndTime,
                latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> findSessions(K keyFrom, K keyTo, long earliestSessionEndTime,
            long latestSessionStartTime) {
        return serdes.typed(bytesStore.findSessions(serdes.bound(keyFrom), serdes.bound(keyTo),
                earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K keyFrom, K keyTo, long earliestSessionEndTime,
            long latestSessionStartTime) {
        return serdes.typed(bytesStore.backwardFindSessions(serdes.bound(keyFrom), serdes.bound(keyTo),
                earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public AGG fetchSession(K key, long sessionStartTime, long sessionEndTime) {
        return serdes.value(bytesStore.fetchSession(serdes.keyBytes(key), sessionStartTime, sessionEndTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> fetch(K key) {
        return serdes.typed(bytesStore.fetch(serdes.keyBytes(key)));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> backwardFetch(K key) {
        return serdes.typed(bytesStore.backwardFetch(serdes.keyBytes(key)));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> fetch(K keyFrom, K keyTo) {
        return serdes.typed(bytesStore.fetch(serdes.bound(keyFrom), serdes.bound(keyTo)));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> backwardFetch(K keyFrom, K keyTo) {
        return serdes.typed(bytesStore.backwardFetch(serdes.bound(keyFrom), serdes.bound(keyTo)));
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean setFlushListener(CacheFlushListener<Windowed<K>, AGG> listener, boolean sendOldValues) {
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

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{" + bytesStore + "}";
    }
}
