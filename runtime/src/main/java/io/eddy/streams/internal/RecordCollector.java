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
    private final Map<TopicPartition, List<ProducerRecord>> pending = new HashMap<>();
    private long sent;

    RecordCollector(Appender appender) {
        this.appender = appender;
    }

    void send(String topic, int partition, byte[] key, byte[] value, long timestamp, Headers headers) {
        TopicPartition tp = new TopicPartition(topic, partition);
        List<ProducerRecord> list = pending.computeIfAbsent(tp, k -> new ArrayList<>());
        list.add(new ProducerRecord(topic, partition, key, value, timestamp,
                headers == null || headers.isEmpty() ? null : headers.copy()));
        sent++;
        if (list.size() >= MAX_BUFFERED_PER_PARTITION) {
            appender.append(tp, list);
            list.clear();
        }
    }

    /** Appends every buffered record. */
    void flush() {
        for (Map.Entry<TopicPartition, List<ProducerRecord>> e : pending.entrySet()) {
            List<ProducerRecord> list = e.getValue();
            if (!list.isEmpty()) {
                appender.append(e.getKey(), list);
                list.clear();
            }
        }
    }

    long sentCount() {
        return sent;
    }
}
