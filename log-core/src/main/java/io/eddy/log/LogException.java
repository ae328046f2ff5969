package io.eddy.log;

/**
 * Base of every failure the log reports. Messages name the topic, partition, offset, file or directory involved.
 */
public class LogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the topic, partition, offset or file concerned */
    public LogException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the topic, partition, offset or file concerned
     * @param cause the underlying failure
     */
    public LogException(String message, Throwable cause) {
        super(message, cause);
    }
}
