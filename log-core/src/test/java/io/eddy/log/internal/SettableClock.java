package io.eddy.log.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when a test says so, for retention, tombstone expiry and segment age. Not thread-safe. */
final class SettableClock extends Clock {
    private long millis;

    SettableClock(Instant start) {
        this.millis = start.toEpochMilli();
    }

    void advance(long ms) {
        millis += ms;
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a settable test clock has one zone, UTC");
    }
}
