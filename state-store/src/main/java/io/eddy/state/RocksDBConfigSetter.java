package io.eddy.state;

import java.util.Map;
import org.rocksdb.Options;

/**
 * A hook to tune the RocksDB options of every persistent store, mirroring Kafka Streams'
 * {@code org.apache.kafka.streams.state.RocksDBConfigSetter}. Configured by class name (or {@code Class}, or instance)
 * under {@value #CONFIG} in the application configs; a class needs a public no-argument constructor and one instance is
 * created per store.
 *
 * <p>Called on the task's thread when a store opens, after Eddy has applied its defaults (shared block cache and
 * write-buffer manager from the application's {@link RocksDBMemoryBudget}). Objects the setter creates and hands to
 * {@code options} (filters, caches, ...) must be closed by it in {@link #close}: Eddy closes only what it created.
 * Replacing the shared block cache or write-buffer manager removes the store from the application's memory bound.
 */
public interface RocksDBConfigSetter {

    /** The configuration key naming the setter class. */
    String CONFIG = "rocksdb.config.setter";

    /**
     * @param storeName the store being opened
     * @param options the options to adjust
     * @param configs the application configs
     */
    void setConfig(String storeName, Options options, Map<String, Object> configs);

    /**
     * Releases the native objects the setter created for this store; called after the store's database is closed.
     *
     * @param storeName the store closed
     * @param options the options it used (closed by Eddy right after this call)
     */
    void close(String storeName, Options options);
}
