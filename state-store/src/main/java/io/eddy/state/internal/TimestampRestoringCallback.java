package io.eddy.state.internal;

import io.eddy.state.BatchingStateRestoreCallback;
import io.eddy.state.ChangelogRecord;
import io.eddy.state.KeyValue;
import io.eddy.state.RecordBatchingStateRestoreCallback;
import io.eddy.state.StateRestoreCallback;
import io.eddy.state.TransactionalStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Restores a timestamped store: changelog values are plain, so each value is given back the record timestamp as its
 * 8-byte prefix ({@link ValueAndTimestampSerde}) before the store's own callback applies it.
 */
final class TimestampRestoringCallback implements RecordBatchingStateRestoreCallback, TransactionalStore {

    private final StateRestoreCallback inner;

    TimestampRestoringCallback(StateRestoreCallback inner) {
        this.inner = inner;
    }

    /** Exposes the store's own transactions, so the state manager reaches them through its restore callback. */
    @Override
    public boolean transactional() {
        return inner instanceof TransactionalStore store && store.transactional();
    }

    @Override
    public void commit(long changelogOffset) {
        transactionalInner().commit(changelogOffset);
    }

    @Override
    public long committedOffset() {
        return transactionalInner().committedOffset();
    }

    private TransactionalStore transactionalInner() {
        if (inner instanceof TransactionalStore store) {
            return store;
        }
        throw new IllegalStateException("The restore callback " + inner + " is not a transactional store");
    }

    @Override
    public void restoreBatch(Collection<ChangelogRecord> records) {
        List<KeyValue<byte[], byte[]>> converted = new ArrayList<>(records.size());
        for (ChangelogRecord record : records) {
            byte[] value = record.value() == null ? null
                    : ValueAndTimestampSerde.withTimestamp(record.timestamp(), record.value());
            converted.add(KeyValue.pair(record.key(), value));
        }
        if (inner instanceof BatchingStateRestoreCallback batching) {
            batching.restoreAll(converted);
        } else {
            for (KeyValue<byte[], byte[]> kv : converted) {
                inner.restore(kv.key, kv.value);
            }
        }
    }
}
