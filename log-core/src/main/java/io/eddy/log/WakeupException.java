package io.eddy.log;

/**
 * A blocking consumer poll was interrupted by {@link LogConsumer#wakeup()}.
 */
public class WakeupException extends LogException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the topic, partition, offset or file concerned */
    public WakeupException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the topic, partition, offset or file concerned
     * @param cause the underlying failure
     */
    public WakeupException(String message, Throwable cause) {
        super(message, cause);
    }
}
