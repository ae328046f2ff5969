package io.eddy.streams.kstream;

/**
 * Maps a value to a new value; the key is unchanged.
 *
 * <p>As Kafka Streams' {@code ValueMapper}. Implementations should be stateless and side-effect free unless the operator's
 * contract says otherwise; they are called on the task's thread, one record at a time.
 */
@FunctionalInterface
public interface ValueMapper<V, VR> {
    /**
     * @param value the value (may be null)
     * @return the new value
     */
    VR apply(V value);
}
