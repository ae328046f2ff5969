package io.eddy.streams.processor;

/** Handle of a scheduled punctuation. */
@FunctionalInterface
public interface Cancellable {
    /** Stops future punctuations of this schedule. Idempotent. */
    void cancel();
}
