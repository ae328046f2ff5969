package io.eddy.streams.kstream.internal;

import io.eddy.streams.kstream.GlobalKTable;

/**
 * {@link GlobalKTable}: a global store fed from its whole topic. Extension API for stream-globalTable joins:
 * {@link #valueGetterSupplier()} reads it from any processor.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class GlobalKTableImpl<K, V> implements GlobalKTable<K, V> {
    private final String storeName;

    GlobalKTableImpl(String storeName) {
        this.storeName = storeName;
    }

    /** @return reads the table's current values */
    public KTableValueGetterSupplier<K, V> valueGetterSupplier() {
        return new StoreValueGetterSupplier<>(storeName);
    }

    @Override
    public String queryableStoreName() {
        return storeName;
    }
}
