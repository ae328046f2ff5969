package io.eddy.state;

/**
 * The local state of a store could not be read or written (I/O error, RocksDB error, corrupt data), mirroring Kafka
 * Streams' {@code org.apache.kafka.streams.errors.ProcessorStateException}. The message names the store and the
 * directory or key involved.
 */
public class ProcessorStateException extends StateStoreException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed, naming the store and file */
    public ProcessorStateException(String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the store and file
     * @param cause the underlying failure
     */
    public ProcessorStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
