package io.eddy.streams.internal;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one task, read by the metrics registry from other threads. */
public final class TaskMetrics {
    final LongAdder processed = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder late = new LongAdder();
    final LongAdder punctuations = new LongAdder();
    final LongAdder processNanos = new LongAdder();
    final LongAdder restored = new LongAdder();

    void processedRecord() {
        processed.increment();
    }

    /** Counts a record dropped by an exception handler (or as late, by the DSL). */
    public void droppedRecord() {
        dropped.increment();
    }

    public long processed() {
        return processed.sum();
    }

    public long dropped() {
        return dropped.sum();
    }

    public long punctuations() {
        return punctuations.sum();
    }

    /** @return changelog records restored into this task's stores */
    public long restored() {
        return restored.sum();
    }

    /** @return average time to process one record, in nanoseconds (measured per batch), or 0 */
    public double processLatencyAvgNanos() {
        long n = processed.sum();
        return n == 0 ? 0 : (double) processNanos.sum() / n;
    }
}
