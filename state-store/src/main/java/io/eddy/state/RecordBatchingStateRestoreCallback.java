package io.eddy.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A restore callback that needs the whole changelog record (offset, timestamp) rather than only key and value bytes,
 * for example to rebuild a timestamped value from the record timestamp. The state manager calls {@link #restoreBatch}
 * when a callback implements this interface.
 */
public interface RecordBatchingStateRestoreCallback extends BatchingStateRestoreCallback {

    /**
     * Applies the records in offset order.
     *
     * @param records the changelog records
     */
    void restoreBatch(Collection<ChangelogRecord> records);

    /** Adapts key-value pairs to records with offset and timestamp -1. */
    @Override
    default void restoreAll(Collection<KeyValue<byte[], byte[]>> records) {
        List<ChangelogRecord> converted = new ArrayList<>(records.size());
        for (KeyValue<byte[], byte[]> kv : records) {
            converted.add(new ChangelogRecord(-1L, -1L, kv.key, kv.value));
        }
        restoreBatch(converted);
    }
}
