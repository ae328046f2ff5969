package io.eddy.streams.internal;

import io.eddy.log.ConsumerConfig;
import io.eddy.log.IsolationLevel;
import io.eddy.log.TransactionalProducer;
import io.eddy.log.LogConsumer;
import io.eddy.log.LogRecord;
import io.eddy.log.LogStore;
import io.eddy.log.OffsetAndMetadata;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** {@link LogBackend} over Eddy's embedded {@link LogStore}. */
public class EmbeddedLogBackend implements LogBackend {
    private final LogStore log;
    private final boolean ownsLog;

    /**
     * @param log the log
     * @param ownsLog whether {@link #close()} closes the log
     */
    public EmbeddedLogBackend(LogStore log, boolean ownsLog) {
        this.log = log;
        this.ownsLog = ownsLog;
    }

    public LogStore log() {
        return log;
    }

    @Override
    public int createTopicIfAbsent(String topic, int partitions, Map<String, String> config) {
        log.createTopicIfAbsent(topic, partitions, TopicConfig.fromMap(config));
        return log.partitionCount(topic);
    }

    @Override
    public OptionalInt partitionCount(String topic) {
        return log.topicExists(topic) ? OptionalInt.of(log.partitionCount(topic)) : OptionalInt.empty();
    }

    @Override
    public void append(TopicPartition tp, List<ProducerRecord> records) {
        log.append(tp, records);
    }

    @Override
    public List<LogRecord> read(TopicPartition tp, long offset, int maxRecords) {
        return log.read(tp, offset, maxRecords);
    }

    @Override
    public List<LogRecord> read(TopicPartition tp, long offset, int maxRecords, boolean readCommitted) {
        return log.read(tp, offset, maxRecords,
                readCommitted ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED);
    }

    @Override
    public long lastStableOffset(TopicPartition tp) {
        return log.lastStableOffset(tp);
    }

    @Override
    public TransactionalWriter transactionalWriter(String transactionalId) {
        TransactionalProducer producer = log.transactionalProducer(transactionalId);
        return new TransactionalWriter() {
            @Override
            public synchronized void begin() {
                producer.beginTransaction();
            }

            @Override
            public synchronized void append(TopicPartition tp, List<ProducerRecord> records) {
                producer.sendAll(tp, records);
            }

            @Override
            public synchronized void commitOffsets(String groupId, Map<TopicPartition, OffsetAndMetadata> offsets) {
                producer.sendOffsetsToTransaction(offsets, groupId);
            }

            @Override
            public synchronized void commit() {
                producer.commitTransaction();
            }

            @Override
            public synchronized void abort() {
                producer.abortTransaction();
            }

            @Override
            public synchronized void close() {
                producer.close();
            }
        };
    }

    @Override
    public long startOffset(TopicPartition tp) {
        return log.startOffset(tp);
    }

    @Override
    public long endOffset(TopicPartition tp) {
        return log.endOffset(tp);
    }

    @Override
    public LogConsumer consumer(ConsumerConfig config) {
        return log.consumer(config);
    }

    @Override
    public void commitOffsets(String groupId, Map<TopicPartition, OffsetAndMetadata> offsets) {
        log.commitOffsets(groupId, offsets);
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> committedOffsets(String groupId) {
        return log.committedOffsets(groupId);
    }

    @Override
    public void flush() {
        log.flush();
    }

    @Override
    public void close() {
        if (ownsLog) {
            log.close();
        }
    }
}
