package io.eddy.eventsourcing;

/**
 * Special values of the expected version passed to {@link EventStore#append}. Any other value {@code >= 0} is the
 * version of the stream's last event the caller expects (events count from 0, so a stream with one event is at 0).
 */
public final class ExpectedVersion {
    /** No check: append whatever the stream's current version is. */
    public static final long ANY = -2;

    /** The stream must not exist yet (hold no event). */
    public static final long NO_STREAM = -1;

    private ExpectedVersion() {
    }

    static String describe(long expected) {
        if (expected == ANY) {
            return "ANY";
        }
        if (expected == NO_STREAM) {
            return "NO_STREAM(-1)";
        }
        return Long.toString(expected);
    }
}
