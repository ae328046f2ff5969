package io.eddy.log;

/**
 * A topic, producer, consumer or store configuration value is invalid; the message names the key and the value.
 */
public class InvalidConfigException extends LogException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the topic, partition, offset or file concerned */
    public InvalidConfigException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the topic, partition, offset or file concerned
     * @param cause the underlying failure
     */
    public InvalidConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
