package io.eddy.streams.internal;

import io.eddy.log.OffsetAndMetadata;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicPartition;
import java.util.List;
import java.util.Map;

/**
 * The runtime's view of a log transaction (exactly-once): everything a commit cut writes — outputs, changelog
 * records, repartition records through the log, input offsets — goes into one transaction that commits or aborts as a
 * whole. Opening it fences any older instance of the same application. Thread-safe.
 */
public interface TransactionalWriter extends AutoCloseable {

    /** Starts the next transaction. */
    void begin();

    /** Adds records to the open transaction, in order, for one partition. */
    void append(TopicPartition tp, List<ProducerRecord> records);

    /** Adds consumer-group offsets to the open transaction. */
    void commitOffsets(String groupId, Map<TopicPartition, OffsetAndMetadata> offsets);

    /** Commits the open transaction durably; returns once it is committed. */
    void commit();

    /** Aborts the open transaction. */
    void abort();

    @Override
    void close();
}
