package io.eddy.streams.kstream;

/**
 * Creates the initial aggregate of a key.
 *
 * <p>As Kafka Streams' {@code Initializer}. Implementations should be stateless and side-effect free unless the operator's
 * contract says otherwise; they are called on the task's thread, one record at a time.
 */
@FunctionalInterface
public interface Initializer<VA> {
    /** @return a fresh initial aggregate */
    VA apply();
}
