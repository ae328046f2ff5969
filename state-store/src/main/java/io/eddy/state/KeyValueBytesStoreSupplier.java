package io.eddy.state;

import io.eddy.serialization.Bytes;

/**
 * Supplies byte-level key-value stores, mirroring Kafka Streams' {@code KeyValueBytesStoreSupplier}. Obtain one from
 * {@link Stores}.
 */
public interface KeyValueBytesStoreSupplier extends StoreSupplier<KeyValueStore<Bytes, byte[]>> {
}
