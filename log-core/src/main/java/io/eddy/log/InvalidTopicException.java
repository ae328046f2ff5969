package io.eddy.log;

/**
 * A topic name breaks the naming rule (only {@code a-z A-Z 0-9 . _ -}, at most 249 characters, not {@code .} or {@code ..}) or a partition count is not positive.
 */
public class InvalidTopicException extends LogException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the topic, partition, offset or file concerned */
    public InvalidTopicException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the topic, partition, offset or file concerned
     * @param cause the underlying failure
     */
    public InvalidTopicException(String message, Throwable cause) {
        super(message, cause);
    }
}
