package io.eddy.streams.kstream;

import io.eddy.state.TimeWindow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fixed-size windows aligned to the epoch, as Kafka Streams' {@code TimeWindows}: tumbling (advance = size, every
 * record in exactly one window) or hopping (advance &lt; size, windows overlap). Window {@code N} covers
 * {@code [N * advance, N * advance + size)}: the start is inclusive, the end exclusive.
 *
 * <p>A record whose window ends at or before {@code streamTime - grace} is late and dropped by the aggregation.
 * Immutable and thread-safe.
 */
public final class TimeWindows extends Windows<TimeWindow> {

    /** The size of a window in milliseconds. */
    public final long sizeMs;
    /** The distance between the starts of consecutive windows in milliseconds. */
    public final long advanceMs;
    private final long graceMs;

    private TimeWindows(long sizeMs, long advanceMs, long graceMs) {
        if (sizeMs <= 0) {
            throw new IllegalArgumentException("Window size (sizeMs) must be larger than zero, sizeMs=" + sizeMs);
        }
        if (advanceMs <= 0 || advanceMs > sizeMs) {
            throw new IllegalArgumentException("Window advancement interval must be larger than zero and at most the"
                    + " window size, sizeMs=" + sizeMs + ", advanceMs=" + advanceMs);
        }
        if (graceMs < 0) {
            throw new IllegalArgumentException("Grace period must not be negative, graceMs=" + graceMs);
        }
        this.sizeMs = sizeMs;
        this.advanceMs = advanceMs;
        this.graceMs = graceMs;
    }

    /**
     * Tumbling windows of {@code size} that close as soon as stream time passes their end.
     *
     * @param size the window size, larger than zero
     * @return the windows
     * @throws IllegalArgumentException if {@code size} is zero, negative or not expressible in milliseconds
     * @throws NullPointerException if {@code size} is null
     */
    public static TimeWindows ofSizeWithNoGrace(Duration size) {
        return ofSizeAndGrace(size, Duration.ZERO);
    }

    /**
     * Tumbling windows of {@code size} that accept out-of-order records until stream time reaches
     * {@code windowEnd + afterWindowEnd}.
     *
     * @param size the window size, larger than zero
     * @param afterWindowEnd the grace period, not negative
     * @return the windows
     * @throws IllegalArgumentException if a duration is out of range or not expressible in milliseconds
     * @throws NullPointerException if an argument is null
     */
    public static TimeWindows ofSizeAndGrace(Duration size, Duration afterWindowEnd) {
        long sizeMs = DurationMillis.of(size, "size");
        long graceMs = DurationMillis.of(afterWindowEnd, "afterWindowEnd");
        return new TimeWindows(sizeMs, sizeMs, graceMs);
    }

    /**
     * Makes these windows hopping.
     *
     * @param advance the distance between window starts, larger than zero and at most the size
     * @return new windows with the same size and grace
     * @throws IllegalArgumentException if {@code advance} is out of range or not expressible in milliseconds
     * @throws NullPointerException if {@code advance} is null
     */
    public TimeWindows advanceBy(Duration advance) {
        return new TimeWindows(sizeMs, DurationMillis.of(advance, "advance"), graceMs);
    }

    @Override
    public Map<Long, TimeWindow> windowsFor(long timestamp) {
        long windowStart = (Math.max(0, timestamp - sizeMs + advanceMs) / advanceMs) * advanceMs;
        Map<Long, TimeWindow> windows = new LinkedHashMap<>();
        while (windowStart <= timestamp) {
            windows.put(windowStart, new TimeWindow(windowStart, windowStart + sizeMs));
            windowStart += advanceMs;
        }
        return windows;
    }

    @Override
    public long size() {
        return sizeMs;
    }

    @Override
    public long gracePeriodMs() {
        return graceMs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeWindows w && w.sizeMs == sizeMs && w.advanceMs == advanceMs && w.graceMs == graceMs;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sizeMs) * 31 * 31 + Long.hashCode(advanceMs) * 31 + Long.hashCode(graceMs);
    }

    @Override
    public String toString() {
        return "TimeWindows{sizeMs=" + sizeMs + ", advanceMs=" + advanceMs + ", graceMs=" + graceMs + "}";
    }
}
