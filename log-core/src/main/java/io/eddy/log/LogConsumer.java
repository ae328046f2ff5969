package io.eddy.log;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads records from assigned partitions of a {@link LogStore}, in offset order per partition. Not thread-safe: one
 * thread uses a consumer, except for {@link #wakeup()}, which any thread may call.
 *
 * <p>Positions start from the group's committed offsets, or per {@link ConsumerConfig#autoOffsetReset()}. Unlike
 * Kafka, there is no group rebalancing: one process owns the log, so {@link #subscribe} simply assigns every partition
 * of the topics.
 *
 * <p>At {@link IsolationLevel#READ_COMMITTED} ({@link ConsumerConfig#isolationLevel()}) a poll returns only records
 * of committed transactions and non-transactional ones, in offset order, and waits in front of a partition's earliest
 * open transaction until it is decided.
 */
public interface LogConsumer extends AutoCloseable {

    /**
     * Replaces the assignment with exactly these partitions.
     *
     * @param partitions the partitions
     * @throws UnknownTopicException if a topic does not exist
     * @throws UnknownPartitionException if a partition is out of range
     */
    void assign(Collection<TopicPartition> partitions);

    /**
     * Assigns every partition of the topics.
     *
     * @param topics the topics
     * @throws UnknownTopicException if a topic does not exist
     */
    void subscribe(Collection<String> topics);

    /** @return the assigned partitions */
    Set<TopicPartition> assignment();

    /**
     * Returns available records, blocking up to {@code timeout} when there are none. Wakes as soon as a record is
     * appended to an assigned partition (in another process: within the polling interval, 50 ms by default), without
     * spinning.
     *
     * @param timeout the longest wait
     * @return records in offset order per partition; empty when none arrived in time
     * @throws WakeupException if {@link #wakeup()} was called
     * @throws OffsetOutOfRangeException if a position fell below the log start (retention) and the reset policy is NONE
     */
    List<LogRecord> poll(Duration timeout);

    /**
     * @param tp an assigned partition
     * @param offset the next offset to read
     */
    void seek(TopicPartition tp, long offset);

    /** @param partitions assigned partitions to move to their log start */
    void seekToBeginning(Collection<TopicPartition> partitions);

    /** @param partitions assigned partitions to move to their log end */
    void seekToEnd(Collection<TopicPartition> partitions);

    /**
     * @param tp an assigned partition
     * @return the offset of the next record poll will return
     */
    long position(TopicPartition tp);

    /**
     * @param tp a partition
     * @param timestamp ms since the epoch
     * @return the first offset whose record has a timestamp at or after {@code timestamp}, if any
     */
    OptionalLong offsetForTimestamp(TopicPartition tp, long timestamp);

    /**
     * @param partitions partitions
     * @return each partition's log end offset
     */
    Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions);

    /**
     * Durably commits the current positions of every assigned partition for the group.
     *
     * @throws IllegalStateException if the consumer has no group
     */
    void commitSync();

    /**
     * Durably commits the given positions for the group.
     *
     * @param offsets next offset to consume per partition
     * @throws IllegalStateException if the consumer has no group
     */
    void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets);

    /**
     * @param tp a partition
     * @return the group's committed position, or empty
     */
    OptionalLong committed(TopicPartition tp);

    /**
     * Stops returning records of these assigned partitions from {@link #poll} until resumed; positions are kept.
     *
     * @param partitions assigned partitions
     */
    void pause(Collection<TopicPartition> partitions);

    /** @param partitions paused partitions to fetch from again */
    void resume(Collection<TopicPartition> partitions);

    /** @return the paused partitions */
    Set<TopicPartition> paused();

    /** Makes a blocked or the next {@link #poll} throw {@link WakeupException}. Thread-safe. */
    void wakeup();

    /** Releases the consumer. Idempotent. */
    @Override
    void close();
}
