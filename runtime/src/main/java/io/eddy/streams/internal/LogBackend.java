package io.eddy.streams.internal;

import io.eddy.log.ConsumerConfig;
import io.eddy.log.LogConsumer;
import io.eddy.log.LogRecord;
import io.eddy.log.OffsetAndMetadata;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicPartition;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The runtime's narrow view of the log: everything tasks and threads need, so a second backend (Apache Kafka) can be
 * added without touching tasks or the DSL. Implementations are thread-safe.
 */
public interface LogBackend extends AutoCloseable {

    /** Creates the topic unless it exists; returns its partition count. */
    int createTopicIfAbsent(String topic, int partitions, Map<String, String> config);

    /** @return the topic's partition count, or empty when it does not exist */
    OptionalInt partitionCount(String topic);

    /** Appends records to one partition as one atomic batch. */
    void append(TopicPartition tp, List<ProducerRecord> records);

    /** Reads up to {@code maxRecords} records at and after {@code offset}; never blocks. */
    List<LogRecord> read(TopicPartition tp, long offset, int maxRecords);

    /**
     * Reads up to {@code maxRecords} records at and after {@code offset}; with {@code readCommitted} only records of
     * committed transactions (and non-transactional ones), up to the last stable offset.
     */
    List<LogRecord> read(TopicPartition tp, long offset, int maxRecords, boolean readCommitted);

    /** @return the end of what a read-committed reader may read: the first offset of the oldest open transaction */
    long lastStableOffset(TopicPartition tp);

    /** Opens the transactional writer of {@code transactionalId}, fencing older instances of it. */
    TransactionalWriter transactionalWriter(String transactionalId);

    long startOffset(TopicPartition tp);

    long endOffset(TopicPartition tp);

    /** A consumer for a stream thread, with the given group (positions are managed by the caller). */
    LogConsumer consumer(ConsumerConfig config);

    /** Durably commits positions for a group: what they cover is fsynced first. Atomic. */
    void commitOffsets(String groupId, Map<TopicPartition, OffsetAndMetadata> offsets);

    Map<TopicPartition, OffsetAndMetadata> committedOffsets(String groupId);

    /** Forces every appended byte to stable storage. */
    void flush();

    @Override
    void close();
}
