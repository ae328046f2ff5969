package io.eddy.streams.kstream;

import java.time.Duration;

/**
 * Session windows, as Kafka Streams' {@code SessionWindows}: a session of a key is a period of activity; records at
 * most {@code inactivityGap} apart (inclusive) belong to the same session, and a record bridging two sessions merges
 * them. A session window {@code [start, end]} is closed at both ends: start and end are the timestamps of its first
 * and last record.
 *
 * <p>A record is late and dropped when the session it would belong to (after merging) ends before
 * {@code streamTime - grace - inactivityGap}. Immutable and thread-safe.
 */
public final class SessionWindows {

    private final long gapMs;
    private final long graceMs;

    private SessionWindows(long gapMs, long graceMs) {
        if (gapMs <= 0) {
            throw new IllegalArgumentException("Gap time cannot be zero or negative, inactivityGapMs=" + gapMs);
        }
        if (graceMs < 0) {
            throw new IllegalArgumentException("Grace period must not be negative, graceMs=" + graceMs);
        }
        this.gapMs = gapMs;
        this.graceMs = graceMs;
    }

    /**
     * @param inactivityGap the largest gap between two records of one session, larger than zero
     * @return session windows without a grace period
     * @throws IllegalArgumentException if the duration is out of range or not expressible in milliseconds
     * @throws NullPointerException if {@code inactivityGap} is null
     */
    public static SessionWindows ofInactivityGapWithNoGrace(Duration inactivityGap) {
        return ofInactivityGapAndGrace(inactivityGap, Duration.ZERO);
    }

    /**
     * @param inactivityGap the largest gap between two records of one session, larger than zero
     * @param afterWindowEnd the grace period, not negative
     * @return session windows
     * @throws IllegalArgumentException if a duration is out of range or not expressible in milliseconds
     * @throws NullPointerException if an argument is null
     */
    public static SessionWindows ofInactivityGapAndGrace(Duration inactivityGap, Duration afterWindowEnd) {
        return new SessionWindows(DurationMillis.of(inactivityGap, "inactivityGap"),
                DurationMillis.of(afterWindowEnd, "afterWindowEnd"));
    }

    /** @return the inactivity gap in milliseconds */
    public long inactivityGap() {
        return gapMs;
    }

    /** @return the grace period in milliseconds */
    public long gracePeriodMs() {
        return graceMs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionWindows w && w.gapMs == gapMs && w.graceMs == graceMs;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(gapMs) * 31 + Long.hashCode(graceMs);
    }

    @Override
    public String toString() {
        return "SessionWindows{gapMs=" + gapMs + ", graceMs=" + graceMs + "}";
    }
}
