package io.eddy.state;

import java.time.Instant;

/**
 * A time interval that a windowed aggregate covers, mirroring Kafka Streams' {@code org.apache.kafka.streams.kstream.Window}.
 * Immutable. The interpretation of {@link #end()} depends on the kind: a {@link TimeWindow} is half-open
 * {@code [start, end)}; a {@link SessionWindow} is closed {@code [start, end]} (its end is the timestamp of its last
 * record).
 */
public abstract class Window {

    /** The start timestamp in milliseconds (inclusive). */
    protected final long startMs;
    /** The end timestamp in milliseconds (exclusive for time windows, inclusive for session windows). */
    protected final long endMs;

    /**
     * @param startMs the start in milliseconds, not negative
     * @param endMs the end in milliseconds, not smaller than {@code startMs}
     * @throws IllegalArgumentException if {@code startMs < 0} or {@code endMs < startMs}
     */
    protected Window(long startMs, long endMs) {
        if (startMs < 0) {
            throw new IllegalArgumentException("Window startMs must not be negative, startMs=" + startMs);
        }
        if (endMs < startMs) {
            throw new IllegalArgumentException(
                    "Window endMs must not be smaller than startMs, startMs=" + startMs + ", endMs=" + endMs);
        }
        this.startMs = startMs;
        this.endMs = endMs;
    }

    /** @return the start timestamp in milliseconds (inclusive) */
    public long start() {
        return startMs;
    }

    /** @return the end timestamp in milliseconds */
    public long end() {
        return endMs;
    }

    /** @return {@link #start()} as an instant */
    public Instant startTime() {
        return Instant.ofEpochMilli(startMs);
    }

    /** @return {@link #end()} as an instant */
    public Instant endTime() {
        return Instant.ofEpochMilli(endMs);
    }

    /**
     * @param other another window of the same kind
     * @return true when the two windows share at least one millisecond under this kind's interval semantics
     * @throws IllegalArgumentException if {@code other} is of another kind
     */
    public abstract boolean overlap(Window other);

    @Override
    public boolean equals(Object o) {
        return this == o || (o != null && o.getClass() == getClass()
                && ((Window) o).startMs == startMs && ((Window) o).endMs == endMs);
    }

    @Override
    public int hashCode() {
        return (int) (((startMs << 16) ^ endMs) % 0xFFFFFFFFL);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{startMs=" + startMs + ", endMs=" + endMs + "}";
    }
}
