package io.eddy.streams.internal;

import io.eddy.streams.processor.api.RecordMetadata;

/**
 * Where a record came from, as processors see it.
 *
 * @param topic the source topic
 * @param partition the source partition
 * @param offset the offset in it
 */
record SourceRecordMetadata(String topic, int partition, long offset) implements RecordMetadata {
}
