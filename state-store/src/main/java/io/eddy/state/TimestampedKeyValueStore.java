package io.eddy.state;

/**
 * A key-value store whose values carry the timestamp of the record that last updated them, mirroring Kafka Streams'
 * {@code org.apache.kafka.streams.state.TimestampedKeyValueStore}. Locally each value is stored as an 8-byte big-endian
 * timestamp followed by the value bytes; the changelog holds the plain value bytes with the timestamp as the record
 * timestamp. Guarantees are those of {@link KeyValueStore}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface TimestampedKeyValueStore<K, V> extends KeyValueStore<K, ValueAndTimestamp<V>> {
}
