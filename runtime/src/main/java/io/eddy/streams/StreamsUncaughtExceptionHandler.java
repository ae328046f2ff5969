package io.eddy.streams;

/** Decides what the app does when a stream thread dies of an exception. */
@FunctionalInterface
public interface StreamsUncaughtExceptionHandler {

    /** The possible decisions. */
    enum StreamThreadExceptionResponse {
        /**
         * Restart processing from the last commit: every thread stops, every task closes without committing, and new
         * threads restore and resume from the committed offsets (the app's state rolls back to the last consistent
         * cut, so no input record's effect is lost).
         */
        REPLACE_THREAD,
        /** Stop this app instance; it ends in state ERROR. */
        SHUTDOWN_CLIENT,
        /** On one machine the same as {@link #SHUTDOWN_CLIENT}. */
        SHUTDOWN_APPLICATION
    }

    /**
     * @param exception what killed the thread
     * @return the decision
     */
    StreamThreadExceptionResponse handle(Throwable exception);
}
