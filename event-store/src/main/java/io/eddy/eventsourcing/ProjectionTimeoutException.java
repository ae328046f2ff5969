package io.eddy.eventsourcing;

/** A projection did not reach the position a query asked for within the timeout. */
public final class ProjectionTimeoutException extends EventStoreException {
    private static final long serialVersionUID = 1L;

    ProjectionTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
