package io.eddy.log;

/**
 * A record is larger than the topic's maximum record size; nothing was appended.
 */
public class RecordTooLargeException extends LogException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the topic, partition, offset or file concerned */
    public RecordTooLargeException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the topic, partition, offset or file concerned
     * @param cause the underlying failure
     */
    public RecordTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
