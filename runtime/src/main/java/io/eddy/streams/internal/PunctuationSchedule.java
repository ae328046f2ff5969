package io.eddy.streams.internal;

import io.eddy.streams.processor.Cancellable;
import io.eddy.streams.processor.PunctuationType;
import io.eddy.streams.processor.Punctuator;

/**
 * One scheduled punctuation. Fire times stay on the grid {@code first + k * interval}; when time jumps over several
 * grid points, the punctuation fires once and the next fire time is the first grid point after the current time.
 */
final class PunctuationSchedule implements Cancellable {
    final String nodeName;
    final long interval;
    final PunctuationType type;
    final Punctuator punctuator;
    /** Next fire time, or -1 for a stream-time schedule that fires at the first record. */
    long next;
    boolean cancelled;

    PunctuationSchedule(String nodeName, long interval, PunctuationType type, Punctuator punctuator, long next) {
        this.nodeName = nodeName;
        this.interval = interval;
        this.type = type;
        this.punctuator = punctuator;
        this.next = next;
    }

    /** @return true if the schedule is due at {@code now}; if so, advances the next fire time past {@code now} */
    boolean dueAt(long now) {
        if (cancelled || now < 0) {
            return false;
        }
        if (next < 0) {
            next = now + interval;
            return true;
        }
        if (now < next) {
            return false;
        }
        next += interval * ((now - next) / interval + 1);
        return true;
    }

    @Override
    public void cancel() {
        cancelled = true;
    }
}
