package io.eddy.state;

/**
 * Applies one changelog record to a store's local state during restore, mirroring Kafka Streams'
 * {@code org.apache.kafka.streams.processor.StateRestoreCallback}. Called on the restoring thread only; the store is
 * open and no task writes to it concurrently.
 */
@FunctionalInterface
public interface StateRestoreCallback {

    /**
     * @param key the key bytes
     * @param value the value bytes, or null to delete the key
     */
    void restore(byte[] key, byte[] value);
}
