package io.eddy.log;

/**
 * The partition named lies outside the topic's partition count.
 */
public class UnknownPartitionException extends LogException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the topic, partition, offset or file concerned */
    public UnknownPartitionException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the topic, partition, offset or file concerned
     * @param cause the underlying failure
     */
    public UnknownPartitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
