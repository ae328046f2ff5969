package io.eddy.streams.kstream;

/**
 * Decides whether a record is kept.
 *
 * <p>As Kafka Streams' {@code Predicate}. Implementations should be stateless and side-effect free unless the operator's
 * contract says otherwise; they are called on the task's thread, one record at a time.
 */
@FunctionalInterface
public interface Predicate<K, V> {
    /**
     * @param key the key (may be null)
     * @param value the value (may be null)
     * @return whether the record satisfies the predicate
     */
    boolean test(K key, V value);
}
