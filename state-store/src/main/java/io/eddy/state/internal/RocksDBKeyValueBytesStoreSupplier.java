package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.state.KeyValueBytesStoreSupplier;
import io.eddy.state.KeyValueStore;

/**
 * Supplies {@link RocksDBStore}s. Thread-safe and immutable.
 *
 * @param name the store name
 */
public record RocksDBKeyValueBytesStoreSupplier(String name) implements KeyValueBytesStoreSupplier {

    /**
     * @param name the store name
     * @throws IllegalArgumentException if the name is not a legal store name
     */
    public RocksDBKeyValueBytesStoreSupplier {
        StoreNames.validate(name);
    }

    @Override
    public KeyValueStore<Bytes, byte[]> get() {
        return new RocksDBStore(name, metricsScope(), true);
    }

    @Override
    public String metricsScope() {
        return "rocksdb";
    }
}
