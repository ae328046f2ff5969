package io.eddy.streams.kstream;

/**
 * Merges two aggregates of the same key (session windows).
 *
 * <p>As Kafka Streams' {@code Merger}. Implementations should be stateless and side-effect free unless the operator's
 * contract says otherwise; they are called on the task's thread, one record at a time.
 */
@FunctionalInterface
public interface Merger<K, V> {
    /**
     * @param aggKey the key
     * @param aggOne the first aggregate
     * @param aggTwo the second aggregate
     * @return the merged aggregate
     */
    V apply(K aggKey, V aggOne, V aggTwo);
}
