package io.eddy.log;

/**
 * A file carries a format version this code does not know; the file is left untouched.
 */
public class UnsupportedFormatVersionException extends LogException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the topic, partition, offset or file concerned */
    public UnsupportedFormatVersionException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the topic, partition, offset or file concerned
     * @param cause the underlying failure
     */
    public UnsupportedFormatVersionException(String message, Throwable cause) {
        super(message, cause);
    }
}
