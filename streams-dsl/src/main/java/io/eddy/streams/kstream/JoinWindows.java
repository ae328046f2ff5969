package io.eddy.streams.kstream;

import io.eddy.state.Window;
import java.time.Duration;
import java.util.Map;

/**
 * The window of a stream-stream join, as Kafka Streams' {@code JoinWindows}: a left record at {@code t} joins the
 * right records of the same key with timestamps in {@code [t - beforeMs, t + afterMs]}, both bounds inclusive
 * (symmetrically, a right record at {@code t} joins left records in {@code [t - afterMs, t + beforeMs]}).
 *
 * <p>Records may arrive out of order until stream time passes {@code t + afterMs + grace} (for a left record) or
 * {@code t + beforeMs + grace} (for a right record); only then does a left or outer join emit the unmatched record
 * with a null partner. Immutable and thread-safe.
 */
public final class JoinWindows extends Windows<Window> {

    /** How far back in time (relative to a left record) right records join, in milliseconds. */
    public final long beforeMs;
    /** How far ahead in time (relative to a left record) right records join, in milliseconds. */
    public final long afterMs;
    private final long graceMs;

    private JoinWindows(long beforeMs, long afterMs, long graceMs) {
        if (beforeMs + afterMs < 0) {
            throw new IllegalArgumentException("Window interval (ie, beforeMs+afterMs) must not be negative, beforeMs="
                    + beforeMs + ", afterMs=" + afterMs);
        }
        if (graceMs < 0) {
            throw new IllegalArgumentException("Grace period must not be negative, graceMs=" + graceMs);
        }
        this.beforeMs = beforeMs;
        this.afterMs = afterMs;
        this.graceMs = graceMs;
    }

    /**
     * @param timeDifference the largest time difference between two joined records, not negative
     * @return join windows {@code [-timeDifference, +timeDifference]} without a grace period
     * @throws IllegalArgumentException if the duration is negative or not expressible in milliseconds
     * @throws NullPointerException if {@code timeDifference} is null
     */
    public static JoinWindows ofTimeDifferenceWithNoGrace(Duration timeDifference) {
        return ofTimeDifferenceAndGrace(timeDifference, Duration.ZERO);
    }

    /**
     * @param timeDifference the largest time difference between two joined records, not negative
     * @param afterWindowEnd the grace period, not negative
     * @return join windows {@code [-timeDifference, +timeDifference]}
     * @throws IllegalArgumentException if a duration is negative or not expressible in milliseconds
     * @throws NullPointerException if an argument is null
     */
    public static JoinWindows ofTimeDifferenceAndGrace(Duration timeDifference, Duration afterWindowEnd) {
        long ms = DurationMillis.nonNegative(timeDifference, "timeDifference");
        return new JoinWindows(ms, ms, DurationMillis.of(afterWindowEnd, "afterWindowEnd"));
    }

    /**
     * @param timeDifference the new {@code beforeMs}; may be negative as long as {@code beforeMs + afterMs >= 0}
     * @return join windows with the new lower bound
     * @throws IllegalArgumentException if the window interval becomes negative
     * @throws NullPointerException if {@code timeDifference} is null
     */
    public JoinWindows before(Duration timeDifference) {
        return new JoinWindows(DurationMillis.of(timeDifference, "timeDifference"), afterMs, graceMs);
    }

    /**
     * @param timeDifference the new {@code afterMs}; may be negative as long as {@code beforeMs + afterMs >= 0}
     * @return join windows with the new upper bound
     * @throws IllegalArgumentException if the window interval becomes negative
     * @throws NullPointerException if {@code timeDifference} is null
     */
    public JoinWindows after(Duration timeDifference) {
        return new JoinWindows(beforeMs, DurationMillis.of(timeDifference, "timeDifference"), graceMs);
    }

    /**
     * Not supported: join windows are relative to each record.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public Map<Long, Window> windowsFor(long timestamp) {
        throw new UnsupportedOperationException("windowsFor() is not supported by JoinWindows.");
    }

    /** @return {@code beforeMs + afterMs} */
    @Override
    public long size() {
        return beforeMs + afterMs;
    }

    @Override
    public long gracePeriodMs() {
        return graceMs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JoinWindows w && w.beforeMs == beforeMs && w.afterMs == afterMs && w.graceMs == graceMs;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(beforeMs) * 31 * 31 + Long.hashCode(afterMs) * 31 + Long.hashCode(graceMs);
    }

    @Override
    public String toString() {
        return "JoinWindows{beforeMs=" + beforeMs + ", afterMs=" + afterMs + ", graceMs=" + graceMs + "}";
    }
}
