package io.eddy.state;

/**
 * Receives the deduplicated updates a record cache writes down, one call per dirty key per flush or eviction,
 * mirroring Kafka Streams' {@code CacheFlushListener}. The runtime forwards them downstream (a cached KTable emits
 * only the latest value of each key per commit).
 *
 * <p>Called on the task's thread, after the update has been written to the store below the cache, in the order the
 * keys were first dirtied since the previous flush.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
@FunctionalInterface
public interface CacheFlushListener<K, V> {

    /**
     * @param key the key
     * @param newValue the value now in the store, or null when the key was deleted
     * @param oldValue the value the store held before this flush (what downstream last saw), or null when absent or
     *     when old values were not requested
     * @param timestamp the timestamp of the record that last updated the key
     */
    void apply(K key, V newValue, V oldValue, long timestamp);
}
