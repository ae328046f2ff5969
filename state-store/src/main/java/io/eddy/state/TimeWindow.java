package io.eddy.state;

/**
 * A fixed-size time window covering {@code [start, end)}: a record with timestamp {@code t} belongs to it when
 * {@code start <= t < end}. Immutable.
 */
public final class TimeWindow extends Window {

    /**
     * @param startMs the inclusive start in milliseconds, not negative
     * @param endMs the exclusive end in milliseconds, greater than {@code startMs}
     * @throws IllegalArgumentException if {@code startMs < 0} or {@code endMs <= startMs}
     */
    public TimeWindow(long startMs, long endMs) {
        super(startMs, endMs);
        if (endMs == startMs) {
            throw new IllegalArgumentException(
                    "TimeWindow endMs must be greater than startMs, startMs=" + startMs + ", endMs=" + endMs);
        }
    }

    /**
     * @param other another time window
     * @return true when {@code [start, end)} intervals intersect
     * @throws IllegalArgumentException if {@code other} is not a {@code TimeWindow}
     */
    @Override
    public boolean overlap(Window other) {
        if (!(other instanceof TimeWindow)) {
            throw new IllegalArgumentException("Cannot compare a TimeWindow with " + other);
        }
        return startMs < other.endMs && other.startMs < endMs;
    }
}
