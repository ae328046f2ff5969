package io.eddy.log;

import io.eddy.log.internal.DefaultLogStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Eddy's embedded, durable, partitioned log: topics of partitions of records, stored in segment files under one
 * directory. The entry point of log-core.
 *
 * <p><b>Writers and readers.</b> One process at a time opens a directory for writing ({@link #open}); the directory's
 * lock file makes a second writer fail with {@link LogLockedException}. Any number of {@linkplain #openReadOnly
 * read-only} opens may run beside it, in this or other processes: they never change a file, serve only whole batches
 * whose checksum matches, and see what the writer appends by polling file sizes.
 *
 * <p><b>Durability.</b> A record is in the operating system's page cache once its append returns, so it survives a
 * crash of the process (SIGKILL) always. An OS crash or power loss can lose only what was not yet fsynced, which the
 * topic's {@link FsyncPolicy} bounds; {@link #flush()}, committing consumer offsets, rolling a segment and a clean
 * close fsync. On open after a crash, each partition's tail is validated batch by batch and cut at the first torn or
 * corrupt batch; what was cut is logged.
 *
 * <p><b>Ordering.</b> Within a partition, offsets are assigned in append order, contiguously (compaction may later
 * remove records, leaving gaps), and reads return records in offset order.
 *
 * <p><b>Transactions.</b> A {@link TransactionalProducer} writes to several partitions (and consumer offsets)
 * atomically. Readers choose an {@link IsolationLevel}: at {@code READ_COMMITTED} they see only committed and
 * non-transactional records, never past the {@linkplain #lastStableOffset last stable offset}. On open for writing,
 * transactions a crash left undecided are aborted and decided commits are completed in every partition.
 *
 * <p><b>Thread safety.</b> All methods may be called from any thread. Producers and consumers it creates follow their
 * own rules ({@link LogProducer} is thread-safe; a {@link LogConsumer} belongs to one thread).
 */
public interface LogStore extends AutoCloseable {

    /** Name of the internal compacted topic holding committed consumer-group offsets. */
    String CONSUMER_OFFSETS_TOPIC = "__consumer_offsets";

    /**
     * Name of the internal compacted topic holding the state of transactional producers (epochs and commit
     * decisions); created by the first {@link #transactionalProducer} call.
     */
    String TRANSACTION_STATE_TOPIC = "__transaction_state";

    /**
     * Opens (creating if needed) the log in {@code dir} for reading and writing, recovering every partition's tail.
     *
     * @param dir the log directory
     * @return the open log
     * @throws LogLockedException if another writer holds the directory
     * @throws UnexpectedFileException if the directory holds files the log did not write
     * @throws UnsupportedFormatVersionException if a file has an unknown format version
     */
    static LogStore open(Path dir) {
        return open(dir, LogStoreOptions.defaults());
    }

    /**
     * Opens (creating if needed) the log in {@code dir} for reading and writing.
     *
     * @param dir the log directory
     * @param options clock, maintenance cadence, defaults
     * @return the open log
     * @throws LogLockedException if another writer holds the directory
     */
    static LogStore open(Path dir, LogStoreOptions options) {
        return DefaultLogStore.open(dir, options, false);
    }

    /**
     * Opens an existing log read-only, beside a writer or alone. Nothing is ever written, truncated or repaired.
     *
     * @param dir the log directory
     * @return the read-only view
     * @throws LogException if {@code dir} holds no log
     */
    static LogStore openReadOnly(Path dir) {
        return openReadOnly(dir, LogStoreOptions.defaults());
    }

    /**
     * Opens an existing log read-only.
     *
     * @param dir the log directory
     * @param options the clock and defaults (maintenance settings are ignored)
     * @return the read-only view
     */
    static LogStore openReadOnly(Path dir, LogStoreOptions options) {
        return DefaultLogStore.open(dir, options, true);
    }

    /** @return the log directory */
    Path directory();

    /** @return true when opened with {@link #openReadOnly} */
    boolean isReadOnly();

    /**
     * Creates a topic. Its configuration is persisted with it.
     *
     * @param name the topic name: {@code a-z A-Z 0-9 . _ -}, at most 249 characters, not {@code .} or {@code ..}
     * @param partitions the partition count, at least 1
     * @param config the topic's configuration
     * @throws InvalidTopicException for a bad name or partition count
     * @throws TopicExistsException if the topic exists
     * @throws ReadOnlyLogException on a read-only log
     */
    void createTopic(String name, int partitions, TopicConfig config);

    /**
     * Creates the topic unless it exists.
     *
     * @param name the topic name
     * @param partitions the partition count for a new topic
     * @param config the configuration for a new topic
     * @return true if created, false if it already existed (its partition count and config are left unchanged)
     */
    boolean createTopicIfAbsent(String name, int partitions, TopicConfig config);

    /**
     * Deletes a topic and all its data. Appends to it afterwards fail with {@link UnknownTopicException}.
     *
     * @param name the topic
     * @throws UnknownTopicException if it does not exist
     */
    void deleteTopic(String name);

    /** @return the names of all topics, including internal ones such as {@link #CONSUMER_OFFSETS_TOPIC} */
    Set<String> listTopics();

    /**
     * @param name a topic name
     * @return true if the topic exists
     */
    boolean topicExists(String name);

    /**
     * @param name the topic
     * @return its configuration and per-partition offsets and sizes
     * @throws UnknownTopicException if it does not exist
     */
    TopicDescription describeTopic(String name);

    /**
     * @param topic the topic
     * @return its partition count
     * @throws UnknownTopicException if it does not exist
     */
    int partitionCount(String topic);

    /**
     * Appends records to one partition as a single batch with consecutive offsets, all or nothing. Records with a
     * negative timestamp are stamped with the store's clock; their topic and partition fields are ignored.
     *
     * @param tp the partition
     * @param records the records, not empty
     * @return the offset of the first record
     * @throws RecordTooLargeException if a record exceeds the topic's max record size (nothing is appended)
     * @throws UnknownTopicException if the topic does not exist or was deleted
     */
    long append(TopicPartition tp, List<ProducerRecord> records);

    /**
     * Reads records at and after {@code offset} in offset order: at most {@code maxRecords}, from whole batches of
     * about 1 MiB at most. Returns an empty list at the end of the partition; never blocks.
     *
     * @param tp the partition
     * @param offset the first offset wanted
     * @param maxRecords the most records to return, at least 1
     * @return the records
     * @throws OffsetOutOfRangeException if the offset is below the log start or above the log end
     * @throws CorruptRecordException if stored bytes fail their checksum
     * @throws IllegalArgumentException if {@code maxRecords} is below 1
     */
    List<LogRecord> read(TopicPartition tp, long offset, int maxRecords);

    /**
     * Reads like {@link #read(TopicPartition, long, int)} at the given isolation level. At
     * {@link IsolationLevel#READ_COMMITTED} it returns only records of committed transactions and non-transactional
     * records, and none at or past the {@linkplain #lastStableOffset last stable offset}; it returns an empty list
     * once {@code offset} reaches that offset.
     *
     * @param tp the partition
     * @param offset the first offset wanted
     * @param maxRecords the most records to return, at least 1
     * @param isolation which transactional records to return
     * @return the records, in offset order
     * @throws OffsetOutOfRangeException if the offset is below the log start or above the log end
     * @throws CorruptRecordException if stored bytes fail their checksum
     */
    default List<LogRecord> read(TopicPartition tp, long offset, int maxRecords, IsolationLevel isolation) {
        if (isolation == IsolationLevel.READ_UNCOMMITTED) {
            return read(tp, offset, maxRecords);
        }
        throw new UnsupportedOperationException(getClass().getName() + " does not support " + isolation);
    }

    /**
     * The last stable offset: the first offset of the earliest transaction still open in the partition, or the log
     * end when none is open. Every record below it is decided (committed, aborted or not transactional).
     *
     * @param tp the partition
     * @return the last stable offset, at most {@link #endOffset}
     */
    default long lastStableOffset(TopicPartition tp) {
        throw new UnsupportedOperationException(getClass().getName() + " does not support transactions");
    }

    /**
     * @param tp the partition
     * @return the first readable offset
     */
    long startOffset(TopicPartition tp);

    /**
     * @param tp the partition
     * @return the offset the next appended record will get
     */
    long endOffset(TopicPartition tp);

    /**
     * @param tp the partition
     * @param timestamp milliseconds since the epoch
     * @return the offset of the first record (in offset order) whose timestamp is at or after {@code timestamp}, or
     *     empty when no such record exists
     */
    OptionalLong offsetForTimestamp(TopicPartition tp, long timestamp);

    /**
     * Durably records consumer positions for a group: first fsyncs every partition with unsynced appends (so what the
     * offsets cover survives an OS crash), then appends and fsyncs the offsets. Atomic: all offsets or none.
     *
     * @param groupId the consumer group
     * @param offsets the next offset to consume per partition
     */
    void commitOffsets(String groupId, Map<TopicPartition, OffsetAndMetadata> offsets);

    /**
     * @param groupId the consumer group
     * @param tp the partition
     * @return the group's committed position in that partition, if any
     */
    Optional<OffsetAndMetadata> committedOffset(String groupId, TopicPartition tp);

    /**
     * @param groupId the consumer group
     * @return every committed position of the group
     */
    Map<TopicPartition, OffsetAndMetadata> committedOffsets(String groupId);

    /** @return the ids of all groups with committed offsets */
    Set<String> listGroups();

    /**
     * Removes a group's committed offsets (for a reset).
     *
     * @param groupId the consumer group
     */
    void deleteGroupOffsets(String groupId);

    /**
     * @param config batching settings
     * @return a new producer appending to this log
     */
    LogProducer producer(ProducerConfig config);

    /** @return a new producer with default batching */
    default LogProducer producer() {
        return producer(ProducerConfig.defaults());
    }

    /**
     * Creates the producer of {@code transactionalId}'s transactions, fencing any earlier one: the earlier producer's
     * open transaction is aborted, the id's epoch is bumped and persisted, and every later use of the earlier producer
     * fails with {@link ProducerFencedException}.
     *
     * @param transactionalId a stable name of the writer (for example derived from an application and task id)
     * @param config batching settings (the linger is ignored: batches are appended when full or at commit)
     * @return the producer
     * @throws IllegalArgumentException if {@code transactionalId} is null or empty
     * @throws ReadOnlyLogException on a read-only log
     */
    default TransactionalProducer transactionalProducer(String transactionalId, ProducerConfig config) {
        throw new UnsupportedOperationException(getClass().getName() + " does not support transactions");
    }

    /**
     * @param transactionalId a stable name of the writer
     * @return {@link #transactionalProducer(String, ProducerConfig)} with default batching
     */
    default TransactionalProducer transactionalProducer(String transactionalId) {
        return transactionalProducer(transactionalId, ProducerConfig.defaults());
    }

    /**
     * @param config group, fetch size and offset-reset policy
     * @return a new consumer reading this log
     */
    LogConsumer consumer(ConsumerConfig config);

    /**
     * Forces every partition's appended bytes to stable storage.
     *
     * @throws LogException if a partition failed an earlier write or fsync while it held unsynced appends: those can
     *     no longer be made durable (reopen the log); every other partition is still synced
     */
    void flush();

    /**
     * Runs retention, compaction and due fsyncs now, on the calling thread.
     *
     * @return records removed by compaction plus segments deleted by retention
     */
    long runMaintenance();

    /** Closes every partition (syncing what was appended), stops maintenance and releases the lock. Idempotent. */
    @Override
    void close();
}
