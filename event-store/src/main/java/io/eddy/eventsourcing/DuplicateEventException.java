package io.eddy.eventsourcing;

/**
 * An append held some event ids the stream already holds, but not all of them in their original order: it is
 * neither a new append nor a retry of an earlier one. Nothing of it was written.
 */
public final class DuplicateEventException extends EventStoreException {
    private static final long serialVersionUID = 1L;

    DuplicateEventException(String streamId, int found, int total) {
        super("stream '" + streamId + "' already holds " + found + " of the " + total + " event ids of this append"
                + " (or holds them at non-consecutive versions); a retry must resend exactly the original events");
    }
}
