package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serde;
import io.eddy.serialization.Serializer;
import io.eddy.state.CacheFlushListener;
import io.eddy.state.CachedStateStore;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.KeyValueStore;
import io.eddy.state.StateStore;
import io.eddy.state.StateStoreContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The typed facade over a byte-level key-value store: serializes keys and values with the store's serdes on the way
 * down and deserializes on the way up (the role of Kafka Streams' {@code MeteredKeyValueStore}). Serdes are called with
 * the store's changelog topic name. Keys are ordered by their serialized bytes.
 *
 * <p>Thread safety: as the byte store below (the built-in ones allow concurrent readers); serdes must be thread-safe
 * when the store is read from other threads.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public class SerializingKeyValueStore<K, V> implements KeyValueStore<K, V>, CachedStateStore<K, V> {

    private final KeyValueStore<Bytes, byte[]> bytesStore;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private String topic;

    /**
     * @param bytesStore the byte store below (changelogging or innermost)
     * @param keySerde the key serde
     * @param valueSerde the value serde
     */
    public SerializingKeyValueStore(KeyValueStore<Bytes, byte[]> bytesStore, Serde<K> keySerde, Serde<V> valueSerde) {
        this.bytesStore = Objects.requireNonNull(bytesStore, "bytesStore");
        this.keySerde = Objects.requireNonNull(keySerde, "keySerde");
        this.valueSerde = Objects.requireNonNull(valueSerde, "valueSerde");
    }

    @Override
    public String name() {
        return bytesStore.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        topic = context.changelogTopic(name());
        bytesStore.init(context, root);
    }

    /** @return the byte store below */
    public KeyValueStore<Bytes, byte[]> bytesStore() {
        return bytesStore;
    }

    /**
     * @param key the key, not null
     * @return its bytes
     * @throws NullPointerException if {@code key} or its serialization is null
     */
    public Bytes keyBytes(K key) {
        Objects.requireNonNull(key, "key");
        byte[] bytes = keySerde.serializer().serialize(topic, key);
        if (bytes == null) {
            throw new NullPointerException("The key serializer of store '" + name() + "' returned null for key "
                    + key);
        }
        return new Bytes(bytes);
    }

    /**
     * @param value the value or null
     * @return its bytes, or null
     */
    public byte[] valueBytes(V value) {
        return value == null ? null : valueSerde.serializer().serialize(topic, value);
    }

    /**
     * @param bytes key bytes
     * @return the key
     */
    public K key(Bytes bytes) {
        return keySerde.deserializer().deserialize(topic, bytes.get());
    }

    /**
     * @param bytes value bytes or null
     * @return the value or null
     */
    public V value(byte[] bytes) {
        return bytes == null ? null : valueSerde.deserializer().deserialize(topic, bytes);
    }

    @Override
    public V get(K key) {
        return value(bytesStore.get(keyBytes(key)));
    }

    @Override
    public void put(K key, V value) {
        bytesStore.put(keyBytes(key), valueBytes(value));
    }

    @Override
    public V putIfAbsent(K key, V value) {
        return value(bytesStore.putIfAbsent(keyBytes(key), valueBytes(value)));
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        List<KeyValue<Bytes, byte[]>> serialized = new ArrayList<>(entries.size());
        for (KeyValue<K, V> entry : entries) {
            serialized.add(KeyValue.pair(keyBytes(entry.key), valueBytes(entry.value)));
        }
        bytesStore.putAll(serialized);
    }

    @Override
    public V delete(K key) {
        return value(bytesStore.delete(keyBytes(key)));
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return new DeserializingIterator(bytesStore.range(bound(from), bound(to)));
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        return new DeserializingIterator(bytesStore.reverseRange(bound(from), bound(to)));
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return new DeserializingIterator(bytesStore.all());
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return new DeserializingIterator(bytesStore.reverseAll());
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        return new DeserializingIterator(bytesStore.prefixScan(prefix, prefixKeySerializer));
    }

    /**
     * @param key a range bound or null
     * @return its bytes or null
     */
    public Bytes bound(K key) {
        return key == null ? null : keyBytes(key);
    }

    @Override
    public long approximateNumEntries() {
        return bytesStore.approximateNumEntries();
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

    /** Not cached: the caller forwards updates itself. */
    @Override
    public boolean setFlushListener(CacheFlushListener<K, V> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public void flushCache() {
        // not cached
    }

    /**
     * @param iterator a byte-level iterator
     * @return a typed view of it (closing it closes {@code iterator})
     */
    public KeyValueIterator<K, V> typed(KeyValueIterator<Bytes, byte[]> iterator) {
        return new DeserializingIterator(iterator);
    }

    private final class DeserializingIterator implements KeyValueIterator<K, V> {
        private final KeyValueIterator<Bytes, byte[]> inner;

        DeserializingIterator(KeyValueIterator<Bytes, byte[]> inner) {
            this.inner = inner;
        }

        @Override
        public K peekNextKey() {
            return key(inner.peekNextKey());
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
        public KeyValue<K, V> next() {
            KeyValue<Bytes, byte[]> next = inner.next();
            return KeyValue.pair(key(next.key), value(next.value));
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{" + bytesStore + "}";
    }
}
