package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Serde;
import io.eddy.state.KeyValueBytesStoreSupplier;
import io.eddy.state.StoreBuilder;
import io.eddy.state.Stores;
import io.eddy.state.TimestampedKeyValueStore;
import io.eddy.streams.errors.TopologyException;

/** Builds the timestamped key-value stores of DSL operators from their {@link MaterializedInternal}. */
final class StoreFactory {
    private StoreFactory() {
    }

    static <K, V> StoreBuilder<TimestampedKeyValueStore<K, V>> timestampedKeyValue(
            MaterializedInternal<K, V, ?> m, String storeName, Serde<K> keySerde, Serde<V> valueSerde,
            String operator) {
        KeyValueBytesStoreSupplier supplier;
        if (m.storeSupplier() == null) {
            supplier = Stores.persistentTimestampedKeyValueStore(storeName);
        } else if (m.storeSupplier() instanceof KeyValueBytesStoreSupplier kv) {
            supplier = kv;
        } else {
            throw new TopologyException("operator '" + operator + "' needs a key-value store, but its Materialized"
                    + " supplies " + m.storeSupplier().getClass().getName() + " for store '" + storeName + "'");
        }
        StoreBuilder<TimestampedKeyValueStore<K, V>> b =
                Stores.timestampedKeyValueStoreBuilder(supplier, keySerde, valueSerde);
        if (m.cachingEnabled()) {
            b.withCachingEnabled();
        } else {
            b.withCachingDisabled();
        }
        if (m.loggingEnabled()) {
            b.withLoggingEnabled(m.logConfig());
        } else {
            b.withLoggingDisabled();
        }
        return b;
    }
}
