package io.eddy.streams.internal;

/**
 * Implemented by the runtime's processor contexts: lets framework processors (the DSL's windows and joins) count a
 * record they drop (late, null key) into the task's {@code dropped-records-total} metric, as Kafka Streams' internal
 * dropped-records sensor does. Not for user code.
 */
public interface DroppedRecordsRecorder {
    /** Counts one dropped record for the current task. */
    void recordDroppedRecord();
}
