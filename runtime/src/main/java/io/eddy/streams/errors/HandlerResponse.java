package io.eddy.streams.errors;

/** What an exception handler decides. */
public enum HandlerResponse {
    /**
     * Skip the record and go on. If {@code errors.dead.letter.queue.topic.name} is set, the record is written there
     * first, with the error in its headers.
     */
    CONTINUE,
    /** Stop the stream thread with the error. */
    FAIL
}
