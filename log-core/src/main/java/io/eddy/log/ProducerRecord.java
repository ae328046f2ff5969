package io.eddy.log;

import java.util.Objects;

/**
 * A record to append: target topic, optional partition, key, value, timestamp and headers. Immutable by contract.
 *
 * @param topic the topic, not null
 * @param partition the partition, or null to let the producer choose (murmur2 of the key, as Kafka's default
 *     partitioner; spread evenly when the key is null)
 * @param key the key bytes, or null
 * @param value the value bytes, or null (a tombstone)
 * @param timestamp milliseconds since the epoch; a negative value means "now" by the log's clock
 * @param headers the headers, or null for none
 */
public record ProducerRecord(String topic, Integer partition, byte[] key, byte[] value, long timestamp,
                             Headers headers) {

    /** @throws NullPointerException if {@code topic} is null */
    public ProducerRecord {
        Objects.requireNonNull(topic, "topic");
    }

    /**
     * @param topic the topic
     * @param key the key bytes, or null
     * @param value the value bytes, or null
     * @return a record stamped "now" at append, without headers, partitioned by key
     */
    public static ProducerRecord of(String topic, byte[] key, byte[] value) {
        return new ProducerRecord(topic, null, key, value, -1L, null);
    }

    /**
     * @param topic the topic
     * @param key the key bytes, or null
     * @param value the value bytes, or null
     * @param timestamp the timestamp in ms
     * @return a record without headers, partitioned by key
     */
    public static ProducerRecord of(String topic, byte[] key, byte[] value, long timestamp) {
        return new ProducerRecord(topic, null, key, value, timestamp, null);
    }
}
