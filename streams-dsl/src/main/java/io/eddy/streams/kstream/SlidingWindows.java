package io.eddy.streams.kstream;

import java.time.Duration;

/**
 * Sliding windows, as Kafka Streams' {@code SlidingWindows}: windows of a fixed time difference whose boundaries are
 * defined by record timestamps, both ends inclusive. Two records fall into a common window when their timestamps
 * differ by at most {@code timeDifferenceMs}. The aggregation creates, per record at {@code t}, the window
 * {@code [t - timeDifference, t]} ending at it and, when needed, the window {@code [t + 1, t + 1 + timeDifference]}
 * starting just after it, so each distinct set of records in a window of that size is aggregated exactly once.
 *
 * <p>A record is late and dropped when even its latest window, ending at {@code t + 1 + timeDifference}, ends at or
 * before {@code streamTime - grace}. Immutable and thread-safe.
 */
public final class SlidingWindows {

    private final long timeDifferenceMs;
    private final long graceMs;

    private SlidingWindows(long timeDifferenceMs, long graceMs) {
        if (timeDifferenceMs < 0) {
            throw new IllegalArgumentException("Window time difference must not be negative, timeDifferenceMs="
                    + timeDifferenceMs);
        }
        if (graceMs < 0) {
            throw new IllegalArgumentException("Window grace period must not be negative, graceMs=" + graceMs);
        }
        this.timeDifferenceMs = timeDifferenceMs;
        this.graceMs = graceMs;
    }

    /**
     * @param timeDifference the largest time difference between two records of one window, not negative
     * @return windows without a grace period
     * @throws IllegalArgumentException if the duration is negative or not expressible in milliseconds
     * @throws NullPointerException if {@code timeDifference} is null
     */
    public static SlidingWindows ofTimeDifferenceWithNoGrace(Duration timeDifference) {
        return ofTimeDifferenceAndGrace(timeDifference, Duration.ZERO);
    }

    /**
     * @param timeDifference the largest time difference between two records of one window, not negative
     * @param afterWindowEnd the grace period, not negative
     * @return the windows
     * @throws IllegalArgumentException if a duration is negative or not expressible in milliseconds
     * @throws NullPointerException if an argument is null
     */
    public static SlidingWindows ofTimeDifferenceAndGrace(Duration timeDifference, Duration afterWindowEnd) {
        return new SlidingWindows(DurationMillis.of(timeDifference, "timeDifference"),
                DurationMillis.of(afterWindowEnd, "afterWindowEnd"));
    }

    /** @return the time difference (the window size) in milliseconds */
    public long timeDifferenceMs() {
        return timeDifferenceMs;
    }

    /** @return the grace period in milliseconds */
    public long gracePeriodMs() {
        return graceMs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlidingWindows w && w.timeDifferenceMs == timeDifferenceMs && w.graceMs == graceMs;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(timeDifferenceMs) * 31 + Long.hashCode(graceMs);
    }

    @Override
    public String toString() {
        return "SlidingWindows{timeDifferenceMs=" + timeDifferenceMs + ", graceMs=" + graceMs + "}";
    }
}
