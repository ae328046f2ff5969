package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serde;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.Windowed;
import java.util.Objects;

/**
 * The serdes of one window or session store, called with the store's changelog topic name, and the conversions its
 * typed facade needs between {@code Windowed<K>}/{@code V} and bytes. Thread-safe when the serdes are.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class StoreSerdes<K, V> {

    private final String storeName;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private volatile String topic;

    StoreSerdes(String storeName, Serde<K> keySerde, Serde<V> valueSerde) {
        this.storeName = storeName;
        this.keySerde = Objects.requireNonNull(keySerde, "keySerde");
        this.valueSerde = Objects.requireNonNull(valueSerde, "valueSerde");
    }

    void topic(String topic) {
        this.topic = topic;
    }

    /** @throws NullPointerException if {@code key} or its serialization is null */
    Bytes keyBytes(K key) {
        Objects.requireNonNull(key, "key");
        byte[] bytes = keySerde.serializer().serialize(topic, key);
        if (bytes == null) {
            throw new NullPointerException("The key serializer of store '" + storeName + "' returned null for key "
                    + key);
        }
        return new Bytes(bytes);
    }

    Bytes bound(K key) {
        return key == null ? null : keyBytes(key);
    }

    byte[] valueBytes(V value) {
        return value == null ? null : valueSerde.serializer().serialize(topic, value);
    }

    K key(Bytes bytes) {
        return keySerde.deserializer().deserialize(topic, bytes.get());
    }

    V value(byte[] bytes) {
        return bytes == null ? null : valueSerde.deserializer().deserialize(topic, bytes);
    }

    Windowed<Bytes> windowedBytes(Windowed<K> windowed) {
        Objects.requireNonNull(windowed, "windowed key");
        return new Windowed<>(keyBytes(windowed.key()), windowed.window());
    }

    Windowed<K> windowed(Windowed<Bytes> bytes) {
        return new Windowed<>(key(bytes.key()), bytes.window());
    }

    /** @return a typed view of a byte-level iterator of windowed keys; closing it closes {@code inner} */
    KeyValueIterator<Windowed<K>, V> typed(KeyValueIterator<Windowed<Bytes>, byte[]> inner) {
        return new KeyValueIterator<>() {
            @Override
            public Windowed<K> peekNextKey() {
                return windowed(inner.peekNextKey());
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
            public KeyValue<Windowed<K>, V> next() {
                KeyValue<Windowed<Bytes>, byte[]> next = inner.next();
                return KeyValue.pair(windowed(next.key), value(next.value));
            }
        };
    }
}
