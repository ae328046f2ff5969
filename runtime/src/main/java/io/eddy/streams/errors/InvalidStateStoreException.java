package io.eddy.streams.errors;

/** An interactive query asked for a store that is not available (app not running, unknown name, wrong type). */
public class InvalidStateStoreException extends StreamsException {
    private static final long serialVersionUID = 1L;

    /** @param message what is unavailable and why */
    public InvalidStateStoreException(String message) {
        super(message);
    }
}
