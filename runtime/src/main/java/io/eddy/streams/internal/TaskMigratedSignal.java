package io.eddy.streams.internal;

/** Unwinds processing when the runtime shuts a task down mid-record; never reaches user code's handlers. */
final class TaskMigratedSignal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TaskMigratedSignal(String message) {
        super(message, null, false, false);
    }
}
