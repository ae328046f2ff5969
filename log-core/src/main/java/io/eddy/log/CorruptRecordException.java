package io.eddy.log;

/**
 * Stored bytes failed their checksum or did not decode. The log never serves such bytes: the read fails with the topic, partition and offset.
 */
public class CorruptRecordException extends LogException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the topic, partition, offset or file concerned */
    public CorruptRecordException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the topic, partition, offset or file concerned
     * @param cause the underlying failure
     */
    public CorruptRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
