package io.eddy.streams.kstream;

/**
 * Performs an action on each record; the terminal counterpart of {@code peek}.
 *
 * <p>As Kafka Streams' {@code ForeachAction}. Implementations should be stateless and side-effect free unless the operator's
 * contract says otherwise; they are called on the task's thread, one record at a time.
 */
@FunctionalInterface
public interface ForeachAction<K, V> {
    /**
     * @param key the key
     * @param value the value
     */
    void apply(K key, V value);
}
