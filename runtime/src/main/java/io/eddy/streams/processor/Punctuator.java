package io.eddy.streams.processor;

/** A callback scheduled with {@code ProcessorContext.schedule}; runs on the task's thread. */
@FunctionalInterface
public interface Punctuator {
    /**
     * @param timestamp the stream time or wall-clock time at which the punctuation fires
     */
    void punctuate(long timestamp);
}
