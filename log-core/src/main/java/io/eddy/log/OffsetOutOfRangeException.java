package io.eddy.log;

/**
 * A read asked for an offset below the log start or above the log end.
 */
public class OffsetOutOfRangeException extends LogException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the topic, partition, offset or file concerned */
    public OffsetOutOfRangeException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the topic, partition, offset or file concerned
     * @param cause the underlying failure
     */
    public OffsetOutOfRangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
