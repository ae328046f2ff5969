package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.state.KeyValueBytesStoreSupplier;
import io.eddy.state.KeyValueStore;

/**
 * Supplies {@link InMemoryKeyValueStore}s. Thread-safe and immutable.
 *
 * @param name the store name
 */
public record InMemoryKeyValueBytesStoreSupplier(String name) implements KeyValueBytesStoreSupplier {

    /**
     * @param name the store name
     * @throws IllegalArgumentException if the name is not a legal store name
     */
    public InMemoryKeyValueBytesStoreSupplier {
        StoreNames.validate(name);
    }

    @Override
    public KeyValueStore<Bytes, byte[]> get() {
        return new InMemoryKeyValueStore(name);
    }

    @Override
    public String metricsScope() {
        return "in-memory";
    }
}
