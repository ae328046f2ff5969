package io.eddy.streams.kstream;

/**
 * Folds a value of a key into that key's aggregate.
 *
 * <p>As Kafka Streams' {@code Aggregator}. Implementations should be stateless and side-effect free unless the operator's
 * contract says otherwise; they are called on the task's thread, one record at a time.
 */
@FunctionalInterface
public interface Aggregator<K, V, VA> {
    /**
     * @param key the key
     * @param value the value
     * @param aggregate the current aggregate
     * @return the new aggregate
     */
    VA apply(K key, V value, VA aggregate);
}
