package io.eddy.log;

/**
 * Which records of transactions a reader sees (see {@link TransactionalProducer}).
 */
public enum IsolationLevel {
    /** Every record, whether its transaction is open, committed or aborted. The default. */
    READ_UNCOMMITTED,
    /**
     * Only records that are not transactional or whose transaction committed, in offset order, and none at or past
     * the partition's {@linkplain LogStore#lastStableOffset last stable offset}: a reader stops in front of the
     * earliest still-open transaction until it is decided, so it never skips a record that later commits. Records of
     * aborted transactions are skipped. Transaction markers are never returned at either level.
     */
    READ_COMMITTED
}
