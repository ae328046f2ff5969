package io.eddy.log;

import java.util.concurrent.CompletableFuture;

/**
 * Appends records to a {@link LogStore}, batching them per partition for throughput. Thread-safe: many threads may
 * send through one producer. Records sent to one partition from one thread keep their order.
 *
 * <p>A keyed record without an explicit partition goes where Apache Kafka's default partitioner would put it
 * ({@link DefaultPartitioner}); unkeyed records are spread round-robin.
 */
public interface LogProducer extends AutoCloseable {

    /**
     * Queues a record for appending. The future completes once the record's batch is in the log (in the page cache;
     * see {@link LogStore} on durability), or exceptionally if the append failed.
     *
     * @param record the record
     * @return where the record landed
     * @throws UnknownTopicException if the topic does not exist (thrown immediately)
     * @throws UnknownPartitionException if an explicit partition is out of range
     * @throws RecordTooLargeException if the record exceeds the topic's max record size
     * @throws LogClosedException if the producer is closed
     */
    CompletableFuture<RecordMetadata> send(ProducerRecord record);

    /**
     * Queues a record.
     *
     * @param topic the topic
     * @param key key bytes or null
     * @param value value bytes or null
     * @param timestamp ms since the epoch, or negative for now
     * @param headers headers or null
     * @return where the record landed
     */
    default CompletableFuture<RecordMetadata> send(String topic, byte[] key, byte[] value, long timestamp,
                                                   Headers headers) {
        return send(new ProducerRecord(topic, null, key, value, timestamp, headers));
    }

    /** Appends every queued record and waits for that to finish. */
    void flush();

    /** Flushes, then releases the producer's thread. Idempotent. */
    @Override
    void close();
}
