package io.eddy.state;

/** The base of the exceptions thrown by state stores. The message names the store and the failing value or file. */
public class StateStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed, naming the store */
    public StateStoreException(String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the store
     * @param cause the underlying failure
     */
    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
