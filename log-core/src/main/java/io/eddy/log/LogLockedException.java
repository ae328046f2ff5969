package io.eddy.log;

/**
 * Another writer (in this or another process) holds the log directory's lock.
 */
public class LogLockedException extends LogException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the topic, partition, offset or file concerned */
    public LogLockedException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the topic, partition, offset or file concerned
     * @param cause the underlying failure
     */
    public LogLockedException(String message, Throwable cause) {
        super(message, cause);
    }
}
