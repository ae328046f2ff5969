package io.eddy.state;

/**
 * An iterator over the windows of one key, mirroring Kafka Streams' {@code org.apache.kafka.streams.state.WindowStoreIterator}:
 * each entry's key is the window start timestamp in milliseconds. Ordered by window start (ascending, or descending for
 * backward fetches). Must be closed; see {@link KeyValueIterator} for resource and thread-safety rules.
 *
 * @param <V> the value type
 */
public interface WindowStoreIterator<V> extends KeyValueIterator<Long, V> {

    /** Releases the iterator's resources. Idempotent; never throws. */
    @Override
    void close();
}
