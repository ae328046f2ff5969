package io.eddy.state;

/**
 * A store that may sit on a record cache, mirroring Kafka Streams' {@code CachedStateStore}. The typed stores built by
 * {@link StoreBuilder#build()} implement it.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface CachedStateStore<K, V> {

    /**
     * Installs the listener that receives each dirty entry written down by a flush or eviction. With caching enabled
     * but a cache budget of 0 bytes, every write is passed through and reported at once.
     *
     * @param listener the listener, not null
     * @param sendOldValues whether to fetch and pass old values (may cost a read of the store for keys first written
     *     without being read)
     * @return true when this store is cached and the listener was installed; false when caching is disabled (the
     *     caller must then forward updates itself)
     */
    boolean setFlushListener(CacheFlushListener<K, V> listener, boolean sendOldValues);

    /**
     * Writes every dirty entry of the cache to the store below (one batch), notifying the flush listener, without
     * flushing the layers below. A no-op when not cached.
     *
     * @throws InvalidStateStoreException if the store is not open
     */
    void flushCache();
}
