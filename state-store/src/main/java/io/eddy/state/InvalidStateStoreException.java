package io.eddy.state;

/**
 * A store was used while not open (before {@code init}, after {@code close}, or while it is being wiped and restored),
 * mirroring Kafka Streams' {@code org.apache.kafka.streams.errors.InvalidStateStoreException}. Interactive-query
 * callers may retry later.
 */
public class InvalidStateStoreException extends StateStoreException {
    private static final long serialVersionUID = 1L;

    /** @param message what was attempted on which store */
    public InvalidStateStoreException(String message) {
        super(message);
    }
}
