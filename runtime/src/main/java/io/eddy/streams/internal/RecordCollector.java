package io.eddy.streams.internal;

import io.eddy.log.Headers;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicPartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Buffers a stream thread's output, repartition and changelog records per partition and appends each partition's
 * records as one batch when it is large enough or at commit. Thread-confined (its stream thread, or the committing
 * thread while every stream thread waits at the commit barrier).
 */
final class RecordCollector {
    private static final int MAX_BUFFERED_PER_PARTITION = 4096;

    /** Where full batches go: straight into the log, or into the app's open transaction (exactly-once). */
    @FunctionalInterface
    interface Appender {
        void append(TopicPartition tp, List<ProducerRecord> records);
    }

    private final Appender appender;
    /** Per topic, one buffer per partition, so a send costs no TopicPartition allocation or hashing of one. */
    private final Map<String, PartitionBuffer[]> pending = new HashMap<>();

    private static final class PartitionBuffer {
        final TopicPartition tp;
        final List<ProducerRecord> records = new ArrayList<>();

        PartitionBuffer(TopicPartition tp) {
            this.tp = tp;
        }
    }

    RecordCollector(Appender appender) {
        this.appender = appender;
    }

    void send(String topic, int partition, byte[] key, byte[] value, long timestamp, Headers headers) {
        PartitionBuffer[] buffers = pending.get(topic);
        if (buffers == null || partition >= buffers.length) {
            buffers = buffers == null ? new PartitionBuffer[partition + 1]
                    : java.util.Arrays.copyOf(buffers, partition + 1);
            pending.put(topic, buffers);
        }
        PartitionBuffer b = buffers[partition];
        if (b == null) {
            b = new PartitionBuffer(new TopicPartition(topic, partition));
            buffers[partition] = b;
        }
        b.records.add(new ProducerRecord(topic, partition, key, value, timestamp,
                headers == null || headers.isEmpty() ? null : headers.copy()));
        if (b.records.size() >= MAX_BUFFERED_PER_PARTITION) {
            appender.append(b.tp, b.records);
            b.records.clear();
        }
    }

    /** Appends every buffered record. */
    void flush() {
        for (PartitionBuffer[] buffers : pending.values()) {
            for (PartitionBuffer b : buffers) {
                if (b != null && !b.records.isEmpty()) {
                    appender.append(b.tp, b.records);
                    b.records.clear();
                }
            }
        }
    }
}
