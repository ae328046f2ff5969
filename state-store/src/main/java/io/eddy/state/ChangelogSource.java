package io.eddy.state;

import java.util.List;

/**
 * Reads changelog partitions back for restore; implemented by the runtime over its log. Offsets are those of the log:
 * {@link #startOffset} is the first offset still present, {@link #endOffset} the offset the next appended record will
 * get (so a partition holds {@code [start, end)}, possibly with gaps left by compaction).
 *
 * <p>Thread safety: used by one restoring thread at a time.
 */
public interface ChangelogSource {

    /**
     * @param partition the changelog partition
     * @return the first offset still in the log (0 for a never-truncated log)
     * @throws StateStoreException (or a runtime-specific subclass) if the partition cannot be described
     */
    long startOffset(ChangelogPartition partition);

    /**
     * @param partition the changelog partition
     * @return the offset the next record will get; restore reads up to, excluding, this offset
     * @throws StateStoreException (or a runtime-specific subclass) if the partition cannot be described
     */
    long endOffset(ChangelogPartition partition);

    /**
     * Reads the next records at or after {@code fromOffset}, in offset order.
     *
     * @param partition the changelog partition
     * @param fromOffset the first offset wanted; records below it are not returned
     * @param maxRecords the most records to return, at least 1
     * @return up to {@code maxRecords} records with offsets {@code >= fromOffset}; empty only when none exist before
     *     the end offset
     * @throws StateStoreException (or a runtime-specific subclass) if the log cannot be read
     */
    List<ChangelogRecord> read(ChangelogPartition partition, long fromOffset, int maxRecords);

    /**
     * Whether this source isolates transactions: {@link #read} returns only records of committed transactions (never
     * aborted ones or transaction markers) and {@link #endOffset} is the last stable offset, below every transaction
     * still open. Exactly-once restore ({@value TaskStateManager#EXACTLY_ONCE_CONFIG}) requires it.
     *
     * @return true when reads are read_committed; false (the default) when they may see uncommitted records
     */
    default boolean readCommitted() {
        return false;
    }
}
