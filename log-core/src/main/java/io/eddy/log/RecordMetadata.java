package io.eddy.log;

/**
 * Where an appended record landed.
 *
 * @param topic the topic
 * @param partition the partition
 * @param offset the record's offset
 * @param timestamp the record's stored timestamp
 */
public record RecordMetadata(String topic, int partition, long offset, long timestamp) {
}
