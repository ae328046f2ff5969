package io.eddy.log;

/**
 * A record breaks a rule of its topic, for example a record without a key sent to a compacted topic; nothing was appended.
 */
public class InvalidRecordException extends LogException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the topic, partition, offset or file concerned */
    public InvalidRecordException(String message) {
        super(message);
    }
}
