package io.eddy.log.internal;

/**
 * A batch's bytes do not decode: a record overruns its batch, a length is negative, a count disagrees. Internal: the
 * log turns it into a {@link io.eddy.log.CorruptRecordException} naming topic, partition and offset.
 */
public final class MalformedBatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedBatchException(String message) {
        super(message);
    }
}
