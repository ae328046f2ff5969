package io.eddy.streams.kstream.internal;

import io.eddy.state.TimestampedKeyValueStore;
import io.eddy.state.ValueAndTimestamp;
import io.eddy.streams.processor.api.ProcessorContext;

/** Reads a materialized KTable's values from its timestamped store. */
final class StoreValueGetterSupplier<K, V> implements KTableValueGetterSupplier<K, V> {
    private final String storeName;

    StoreValueGetterSupplier(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public KTableValueGetter<K, V> get() {
        return new KTableValueGetter<>() {
            private TimestampedKeyValueStore<K, V> store;

            @Override
            public void init(ProcessorContext<?, ?> context) {
                store = context.getStateStore(storeName);
            }

            @Override
            public ValueAndTimestamp<V> get(K key) {
                return store.get(key);
            }
        };
    }

    @Override
    public String[] storeNames() {
        return new String[] {storeName};
    }
}
