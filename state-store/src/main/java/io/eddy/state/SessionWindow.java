package io.eddy.state;

/**
 * A session window covering {@code [start, end]}: {@code start} is the timestamp of the session's first record and
 * {@code end} that of its last (equal for a one-record session). Immutable.
 */
public final class SessionWindow extends Window {

    /**
     * @param startMs the timestamp of the first record, not negative
     * @param endMs the timestamp of the last record, not smaller than {@code startMs}
     * @throws IllegalArgumentException if {@code startMs < 0} or {@code endMs < startMs}
     */
    public SessionWindow(long startMs, long endMs) {
        super(startMs, endMs);
    }

    /**
     * @param other another session window
     * @return true when the closed intervals {@code [start, end]} intersect
     * @throws IllegalArgumentException if {@code other} is not a {@code SessionWindow}
     */
    @Override
    public boolean overlap(Window other) {
        if (!(other instanceof SessionWindow)) {
            throw new IllegalArgumentException("Cannot compare a SessionWindow with " + other);
        }
        return startMs <= other.endMs && other.startMs <= endMs;
    }
}
