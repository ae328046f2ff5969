package io.eddy.streams.kstream;

/**
 * Combines two values of the same key into one (an aggregate and a new value).
 *
 * <p>As Kafka Streams' {@code Reducer}. Implementations should be stateless and side-effect free unless the operator's
 * contract says otherwise; they are called on the task's thread, one record at a time.
 */
@FunctionalInterface
public interface Reducer<V> {
    /**
     * @param value1 the current aggregate
     * @param value2 the new value
     * @return the new aggregate
     */
    V apply(V value1, V value2);
}
