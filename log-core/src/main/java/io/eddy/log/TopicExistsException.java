package io.eddy.log;

/**
 * A topic to be created already exists.
 */
public class TopicExistsException extends LogException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the topic, partition, offset or file concerned */
    public TopicExistsException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the topic, partition, offset or file concerned
     * @param cause the underlying failure
     */
    public TopicExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}
