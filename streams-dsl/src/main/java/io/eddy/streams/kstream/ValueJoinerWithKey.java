package io.eddy.streams.kstream;

/**
 * Joins two values into one with read-only access to the key.
 *
 * <p>As Kafka Streams' {@code ValueJoinerWithKey}. Implementations should be stateless and side-effect free unless the operator's
 * contract says otherwise; they are called on the task's thread, one record at a time.
 */
@FunctionalInterface
public interface ValueJoinerWithKey<K1, V1, V2, VR> {
    /**
     * @param readOnlyKey the key, read-only
     * @param value1 the left value
     * @param value2 the right value
     * @return the joined value
     */
    VR apply(K1 readOnlyKey, V1 value1, V2 value2);
}
