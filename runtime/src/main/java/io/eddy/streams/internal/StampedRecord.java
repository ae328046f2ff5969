package io.eddy.streams.internal;

import io.eddy.log.Headers;

/**
 * A deserialized input record waiting in a task's queue, with its event time and where it came from. For a record
 * handed over in memory across a repartition, offset is -1.
 */
record StampedRecord(Object key, Object value, long timestamp, Headers headers, String topic, int partition,
                     long offset) {
}
