package io.eddy.streams.kstream;

/**
 * Maps a value to a new value with read-only access to the key, which must not be modified.
 *
 * <p>As Kafka Streams' {@code ValueMapperWithKey}. Implementations should be stateless and side-effect free unless the operator's
 * contract says otherwise; they are called on the task's thread, one record at a time.
 */
@FunctionalInterface
public interface ValueMapperWithKey<K, V, VR> {
    /**
     * @param readOnlyKey the key, read-only
     * @param value the value
     * @return the new value
     */
    VR apply(K readOnlyKey, V value);
}
