package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.state.KeyValue;
import java.util.List;

/**
 * A byte-level store that accepts a batch of writes each tagged with the timestamp of the record that caused it; the
 * record cache writes its dirty entries through this so that changelog records carry the right timestamps. Stores
 * without a changelog ignore the timestamps. Called on the task's thread only.
 */
public interface TimestampedBulkWriter {

    /**
     * Writes every entry in one batch (one RocksDB WriteBatch); null values delete.
     *
     * @param entries the entries in write order
     * @param timestamps {@code timestamps[i]} is the record timestamp of {@code entries.get(i)}
     */
    void putAll(List<KeyValue<Bytes, byte[]>> entries, long[] timestamps);
}
