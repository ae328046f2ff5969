package io.eddy.log;

/**
 * The topic named does not exist, or was deleted.
 */
public class UnknownTopicException extends LogException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the topic, partition, offset or file concerned */
    public UnknownTopicException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the topic, partition, offset or file concerned
     * @param cause the underlying failure
     */
    public UnknownTopicException(String message, Throwable cause) {
        super(message, cause);
    }
}
