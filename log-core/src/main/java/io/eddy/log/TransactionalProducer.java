package io.eddy.log;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Writes records to several partitions, and consumer-group offsets, atomically: all of a transaction's writes become
 * visible to {@link IsolationLevel#READ_COMMITTED} readers together when it commits, or never when it aborts.
 * Obtained from {@link LogStore#transactionalProducer(String)}. The calling pattern:
 *
 * <pre>{@code
 * try (TransactionalProducer producer = log.transactionalProducer("my-app-task-0")) {
 *     producer.beginTransaction();
 *     producer.send(ProducerRecord.of("out", key, value));
 *     producer.sendOffsetsToTransaction(Map.of(inputTp, OffsetAndMetadata.of(next)), "my-app");
 *     producer.commitTransaction(); // or abortTransaction()
 * }
 * }</pre>
 *
 * <p><b>Atomicity and durability.</b> When {@link #commitTransaction()} returns, the transaction's records, its
 * offsets and the commit decision are fsynced: the transaction survives a crash of the process or the OS, and
 * recovery completes it in every partition it touched. A transaction not committed when the process dies is aborted
 * on the next open. A reader never sees part of a committed transaction at {@code READ_COMMITTED}.
 *
 * <p><b>Fencing.</b> Each {@link LogStore#transactionalProducer(String)} call for an id aborts that id's open
 * transaction and bumps its epoch; every later call on an older producer with that id fails with
 * {@link ProducerFencedException}.
 *
 * <p><b>Ordering and batching.</b> Records sent to one partition keep their send order. They are batched per partition
 * and appended once a batch reaches {@link ProducerConfig#batchBytes()}, on {@link #flush()}, or at commit; the
 * linger is ignored.
 *
 * <p><b>Thread safety.</b> Thread-safe: every method is serialized; sends from several threads join the current
 * transaction.
 */
public interface TransactionalProducer extends AutoCloseable {

    /** @return the transactional id this producer was created for */
    String transactionalId();

    /** @return this producer's epoch; a newer producer with the same id has a higher one */
    short epoch();

    /**
     * Starts a transaction.
     *
     * @throws IllegalStateException if a transaction is already open
     * @throws ProducerFencedException if a newer producer with the same id exists
     */
    void beginTransaction();

    /**
     * Adds a record to the open transaction. Partitioned like {@link LogProducer#send}.
     *
     * @param record the record
     * @return where the record landed; completes when its batch is appended (at the latest at commit), or
     *     exceptionally if the transaction aborts first
     * @throws IllegalStateException if no transaction is open
     * @throws ProducerFencedException if a newer producer with the same id exists
     * @throws UnknownTopicException if the topic does not exist
     * @throws RecordTooLargeException if the record exceeds the topic's max record size
     */
    CompletableFuture<RecordMetadata> send(ProducerRecord record);

    /**
     * Adds records to one partition of the open transaction, in order, without a future per record: the bulk form of
     * {@link #send} for a caller that has already partitioned its records (a stream thread's collector). Every record
     * is validated before any is added, so a rejected record adds none of them. Records with a negative timestamp
     * are stamped with the store's clock; their topic and partition fields are ignored.
     *
     * @param tp the partition
     * @param records the records
     * @throws IllegalStateException if no transaction is open
     * @throws ProducerFencedException if a newer producer with the same id exists
     * @throws UnknownTopicException if the topic does not exist
     * @throws UnknownPartitionException if the partition does not exist
     * @throws RecordTooLargeException if a record exceeds the topic's max record size
     */
    void sendAll(TopicPartition tp, List<ProducerRecord> records);

    /**
     * Appends every pending batch of the open transaction now (to bound memory, or so that a batch's offsets are
     * known). The records stay invisible to {@link IsolationLevel#READ_COMMITTED} readers until commit, and hold
     * their partitions' {@linkplain LogStore#lastStableOffset last stable offset} until then.
     *
     * @throws IllegalStateException if no transaction is open
     * @throws ProducerFencedException if a newer producer with the same id exists
     */
    void flush();

    /**
     * Commits consumer positions as part of the open transaction: they become the group's committed offsets if and
     * only if the transaction commits.
     *
     * @param offsets the next offset to consume per partition
     * @param groupId the consumer group
     * @throws IllegalStateException if no transaction is open
     * @throws ProducerFencedException if a newer producer with the same id exists
     */
    void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, String groupId);

    /**
     * Appends what is pending, fsyncs the transaction's partitions, durably records the commit decision, then writes
     * a commit marker to every partition the transaction touched. Durable when it returns.
     *
     * @throws IllegalStateException if no transaction is open
     * @throws ProducerFencedException if a newer producer with the same id exists (the transaction was aborted)
     * @throws LogException if a write fails; if it fails after the decision was recorded, the transaction is
     *     completed by recovery when the log is reopened, and this producer can only be closed
     */
    void commitTransaction();

    /**
     * Drops what is pending and writes an abort marker to every partition the transaction already appended to.
     *
     * @throws IllegalStateException if no transaction is open
     * @throws ProducerFencedException if a newer producer with the same id exists (the transaction was aborted)
     */
    void abortTransaction();

    /** Aborts an open transaction (unless fenced) and releases the producer. Idempotent. */
    @Override
    void close();
}
