package io.eddy.streams.kstream;

/**
 * Joins two values into one.
 *
 * <p>As Kafka Streams' {@code ValueJoiner}. Implementations should be stateless and side-effect free unless the operator's
 * contract says otherwise; they are called on the task's thread, one record at a time.
 */
@FunctionalInterface
public interface ValueJoiner<V1, V2, VR> {
    /**
     * @param value1 the left value
     * @param value2 the right value (null in outer joins without a match)
     * @return the joined value
     */
    VR apply(V1 value1, V2 value2);
}
