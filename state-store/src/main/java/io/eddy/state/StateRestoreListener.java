package io.eddy.state;

/**
 * Observes the restore of stores from their changelogs, mirroring Kafka Streams'
 * {@code org.apache.kafka.streams.processor.StateRestoreListener}. Called on the restoring thread; implementations
 * shared between threads must be thread-safe. Must not throw.
 */
public interface StateRestoreListener {

    /** A listener that ignores every event. */
    StateRestoreListener NO_OP = new StateRestoreListener() {
        @Override
        public void onRestoreStart(ChangelogPartition partition, String storeName, long startingOffset,
                long endingOffset) {
        }

        @Override
        public void onBatchRestored(ChangelogPartition partition, String storeName, long batchEndOffset,
                long numRestored) {
        }

        @Override
        public void onRestoreEnd(ChangelogPartition partition, String storeName, long totalRestored) {
        }
    };

    /**
     * @param partition the changelog partition being restored
     * @param storeName the store
     * @param startingOffset the first offset that will be replayed
     * @param endingOffset the changelog end offset (exclusive) that restore replays up to
     */
    void onRestoreStart(ChangelogPartition partition, String storeName, long startingOffset, long endingOffset);

    /**
     * @param partition the changelog partition being restored
     * @param storeName the store
     * @param batchEndOffset the offset of the last record of the batch
     * @param numRestored the number of records in the batch
     */
    void onBatchRestored(ChangelogPartition partition, String storeName, long batchEndOffset, long numRestored);

    /**
     * @param partition the changelog partition restored
     * @param storeName the store
     * @param totalRestored the number of records replayed in total
     */
    void onRestoreEnd(ChangelogPartition partition, String storeName, long totalRestored);
}
