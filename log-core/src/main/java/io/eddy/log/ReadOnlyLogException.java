package io.eddy.log;

/**
 * A write was attempted through a log opened read-only.
 */
public class ReadOnlyLogException extends LogException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the topic, partition, offset or file concerned */
    public ReadOnlyLogException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the topic, partition, offset or file concerned
     * @param cause the underlying failure
     */
    public ReadOnlyLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
