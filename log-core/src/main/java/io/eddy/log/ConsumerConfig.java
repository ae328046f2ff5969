package io.eddy.log;

/**
 * Settings of a {@link LogConsumer}. Immutable.
 *
 * @param groupId the consumer group whose committed offsets the consumer starts from and commits to, or null for none
 * @param maxPollRecords the most records one poll returns
 * @param fetchMaxBytes about how many bytes one read of a partition covers
 * @param autoOffsetReset where to start a partition without a committed offset
 * @param isolationLevel which transactional records polls return; {@link IsolationLevel#READ_COMMITTED} also makes
 *     {@link LogConsumer#endOffsets} and {@link LogConsumer#seekToEnd} use the last stable offset
 */
public record ConsumerConfig(String groupId, int maxPollRecords, int fetchMaxBytes, OffsetReset autoOffsetReset,
                             IsolationLevel isolationLevel) {

    /** Where a consumer starts in a partition the group has no committed offset for. */
    public enum OffsetReset {
        /** At the log start. */
        EARLIEST,
        /** At the log end: only records appended from now on. */
        LATEST,
        /** Fail with {@link OffsetOutOfRangeException}. */
        NONE
    }

    /** @throws InvalidConfigException for non-positive sizes, a null reset policy or a null isolation level */
    public ConsumerConfig {
        if (maxPollRecords < 1) {
            throw new InvalidConfigException("max.poll.records must be at least 1, was " + maxPollRecords);
        }
        if (fetchMaxBytes < 1024) {
            throw new InvalidConfigException("fetch.max.bytes must be at least 1024, was " + fetchMaxBytes);
        }
        if (autoOffsetReset == null) {
            throw new InvalidConfigException("auto.offset.reset must be set");
        }
        if (isolationLevel == null) {
            throw new InvalidConfigException("isolation.level must be set");
        }
    }

    /**
     * Settings reading at {@link IsolationLevel#READ_UNCOMMITTED}.
     *
     * @param groupId the group, or null
     * @param maxPollRecords the most records one poll returns
     * @param fetchMaxBytes about how many bytes one read of a partition covers
     * @param autoOffsetReset where to start a partition without a committed offset
     */
    public ConsumerConfig(String groupId, int maxPollRecords, int fetchMaxBytes, OffsetReset autoOffsetReset) {
        this(groupId, maxPollRecords, fetchMaxBytes, autoOffsetReset, IsolationLevel.READ_UNCOMMITTED);
    }

    /**
     * @param groupId the group, or null
     * @return 10,000 records per poll, 1 MiB fetches, starting at the earliest offset, reading uncommitted
     */
    public static ConsumerConfig of(String groupId) {
        return new ConsumerConfig(groupId, 10_000, 1 << 20, OffsetReset.EARLIEST);
    }

    /**
     * @param max the most records per poll
     * @return a copy with that limit
     */
    public ConsumerConfig withMaxPollRecords(int max) {
        return new ConsumerConfig(groupId, max, fetchMaxBytes, autoOffsetReset, isolationLevel);
    }

    /**
     * @param reset the reset policy
     * @return a copy with that policy
     */
    public ConsumerConfig withAutoOffsetReset(OffsetReset reset) {
        return new ConsumerConfig(groupId, maxPollRecords, fetchMaxBytes, reset, isolationLevel);
    }

    /**
     * @param level the isolation level
     * @return a copy reading at that level
     */
    public ConsumerConfig withIsolationLevel(IsolationLevel level) {
        return new ConsumerConfig(groupId, maxPollRecords, fetchMaxBytes, autoOffsetReset, level);
    }
}
