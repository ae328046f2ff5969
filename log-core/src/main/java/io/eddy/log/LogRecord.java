package io.eddy.log;

/**
 * A record as stored in the log and returned by reads. Immutable by contract: the key and value arrays belong to the
 * record and must not be modified.
 *
 * @param topic the topic it was read from
 * @param partition the partition it was read from
 * @param offset its offset in the partition
 * @param timestamp its timestamp, in milliseconds since the epoch
 * @param key the key bytes, or null
 * @param value the value bytes, or null for a tombstone
 * @param headers its headers (read-only)
 */
public record LogRecord(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value,
                        Headers headers) {

    /** @return the record's topic-partition */
    public TopicPartition topicPartition() {
        return new TopicPartition(topic, partition);
    }

    @Override
    public String toString() {
        return "LogRecord(" + topic + "-" + partition + "@" + offset + ", ts=" + timestamp
                + ", key=" + (key == null ? "null" : key.length + "B")
                + ", value=" + (value == null ? "null" : value.length + "B") + ")";
    }
}
