package io.eddy.log;

/**
 * The log store, producer or consumer was used after being closed.
 */
public class LogClosedException extends LogException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the topic, partition, offset or file concerned */
    public LogClosedException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the topic, partition, offset or file concerned
     * @param cause the underlying failure
     */
    public LogClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
