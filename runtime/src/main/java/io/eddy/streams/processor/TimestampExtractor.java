package io.eddy.streams.processor;

import io.eddy.log.LogRecord;

/**
 * Chooses the event time of a record read from a source topic. The default uses the record's stored timestamp.
 * Implementations must be thread-safe and stateless.
 */
@FunctionalInterface
public interface TimestampExtractor {
    /**
     * @param record the record as read, with deserialized key and value available through the arguments
     * @param key the deserialized key
     * @param value the deserialized value
     * @param partitionTime the largest timestamp extracted so far in this partition, or -1
     * @return the timestamp; a negative result drops the record (counted and logged)
     */
    long extract(LogRecord record, Object key, Object value, long partitionTime);
}
