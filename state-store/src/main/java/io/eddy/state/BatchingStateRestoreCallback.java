package io.eddy.state;

import java.util.Collection;
import java.util.List;

/**
 * A restore callback that applies records in bulk (one RocksDB WriteBatch per batch), mirroring Kafka Streams'
 * {@code org.apache.kafka.streams.processor.BatchingStateRestoreCallback}. The state manager always prefers
 * {@link #restoreAll} when a callback implements this interface.
 */
public interface BatchingStateRestoreCallback extends StateRestoreCallback {

    /**
     * Applies the records in order; a later record for the same key wins; a null value deletes. Atomic for persistent
     * stores.
     *
     * @param records the records as key and value bytes
     */
    void restoreAll(Collection<KeyValue<byte[], byte[]>> records);

    @Override
    default void restore(byte[] key, byte[] value) {
        restoreAll(List.of(KeyValue.pair(key, value)));
    }
}
