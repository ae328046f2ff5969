package io.eddy.eventsourcing;

/** Base of the event store's failures. */
public class EventStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed, naming the stream or position */
    public EventStoreException(String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the stream or position
     * @param cause the underlying failure
     */
    public EventStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
