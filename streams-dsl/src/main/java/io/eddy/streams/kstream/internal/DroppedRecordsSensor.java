package io.eddy.streams.kstream.internal;

import io.eddy.streams.internal.DroppedRecordsRecorder;
import io.eddy.streams.processor.api.ProcessorContext;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;

/**
 * Counts the records a DSL processor drops (null keys or values, late records), standing in for Kafka Streams'
 * {@code dropped-records} task sensor, which Eddy's {@code ProcessorContext} does not expose. One sensor belongs to a
 * processor supplier and is shared by the processors it creates for every task. Thread-safe.
 */
public final class DroppedRecordsSensor {
    private final LongAdder dropped = new LongAdder();
    private final String processor;

    /** @param processor a description of the owning processor, for the log */
    public DroppedRecordsSensor(String processor) {
        this.processor = processor;
    }

    /**
     * Counts one dropped record and logs why at debug level.
     *
     * @param log the processor's logger
     * @param reason why, e.g. "null key" or "expired window"
     * @param timestamp the record's timestamp
     * @param streamTime the stream time when it was dropped
     */
    public void record(ProcessorContext<?, ?> context, Logger log, String reason, long timestamp, long streamTime) {
        dropped.increment();
        if (context instanceof DroppedRecordsRecorder recorder) {
            recorder.recordDroppedRecord();
        }
        if (log.isDebugEnabled()) {
            log.debug("{}: skipping record due to {}: timestamp={}, streamTime={}", processor, reason, timestamp,
                    streamTime);
        }
    }

    /** @return the number of records dropped so far */
    public long count() {
        return dropped.sum();
    }

    @Override
    public String toString() {
        return "DroppedRecordsSensor{" + processor + ", dropped=" + count() + "}";
    }
}
