package io.eddy.streams.processor;

/** The clock a punctuation follows. */
public enum PunctuationType {
    /** The task's stream time: the largest record timestamp it has processed. */
    STREAM_TIME,
    /** The wall clock of the runtime (virtual in the test driver). */
    WALL_CLOCK_TIME
}
