package io.eddy.state;

/**
 * A window store whose values carry the timestamp of the record that last updated them, mirroring Kafka Streams'
 * {@code org.apache.kafka.streams.state.TimestampedWindowStore}. Guarantees are those of {@link WindowStore}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface TimestampedWindowStore<K, V> extends WindowStore<K, ValueAndTimestamp<V>> {
}
