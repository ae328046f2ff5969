package io.eddy.state;

/**
 * Creates the innermost (byte-level) layer of a store, mirroring Kafka Streams'
 * {@code org.apache.kafka.streams.state.StoreSupplier}. Thread-safe; {@link #get()} returns a new, unopened instance
 * on every call (one per task).
 *
 * @param <T> the store type
 */
public interface StoreSupplier<T extends StateStore> {

    /** @return the store name */
    String name();

    /** @return a new store instance */
    T get();

    /** @return the scope of the store's metrics, e.g. {@code "rocksdb"} or {@code "in-memory"} */
    String metricsScope();
}
