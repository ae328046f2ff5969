package io.eddy.streams.internal;

import io.eddy.state.ChangelogPartition;
import io.eddy.state.StateRestoreListener;

/** Passes restore progress on and counts the records restored. */
final class CountingRestoreListener implements StateRestoreListener {
    private final StateRestoreListener delegate;
    private long total;

    CountingRestoreListener(StateRestoreListener delegate) {
        this.delegate = delegate;
    }

    long total() {
        return total;
    }

    @Override
    public void onRestoreStart(ChangelogPartition partition, String storeName, long startingOffset, long endingOffset) {
        delegate.onRestoreStart(partition, storeName, startingOffset, endingOffset);
    }

    @Override
    public void onBatchRestored(ChangelogPartition partition, String storeName, long batchEndOffset, long numRestored) {
        delegate.onBatchRestored(partition, storeName, batchEndOffset, numRestored);
    }

    @Override
    public void onRestoreEnd(ChangelogPartition partition, String storeName, long totalRestored) {
        total += totalRestored;
        delegate.onRestoreEnd(partition, storeName, totalRestored);
    }
}
