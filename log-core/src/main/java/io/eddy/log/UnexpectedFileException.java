package io.eddy.log;

/**
 * The log directory holds a file the log did not write and cannot interpret; the message names the file so it can be moved away.
 */
public class UnexpectedFileException extends LogException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the topic, partition, offset or file concerned */
    public UnexpectedFileException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the topic, partition, offset or file concerned
     * @param cause the underlying failure
     */
    public UnexpectedFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
