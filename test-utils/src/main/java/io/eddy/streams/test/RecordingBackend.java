package io.eddy.streams.test;

import io.eddy.log.ConsumerConfig;
import io.eddy.log.LogConsumer;
import io.eddy.log.LogRecord;
import io.eddy.log.OffsetAndMetadata;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicPartition;
import io.eddy.streams.internal.LogBackend;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/** A backend that remembers which topics were written to, and creates unknown output topics with one partition. */
final class RecordingBackend implements LogBackend {
    private final LogBackend delegate;
    private final Set<String> produced;

    RecordingBackend(LogBackend delegate, Set<String> produced) {
        this.delegate = delegate;
        this.produced = produced;
    }

    @Override
    public int createTopicIfAbsent(String topic, int partitions, Map<String, String> config) {
        return delegate.createTopicIfAbsent(topic, partitions, config);
    }

    @Override
    public OptionalInt partitionCount(String topic) {
        OptionalInt n = delegate.partitionCount(topic);
        if (n.isEmpty()) {
            // the test driver creates topics chosen at run time (topic name extractors) on first use
            return OptionalInt.of(delegate.createTopicIfAbsent(topic, 1, Map.of()));
        }
        return n;
    }

    @Override
    public void append(TopicPartition tp, List<ProducerRecord> records) {
        produced.add(tp.topic());
        delegate.append(tp, records);
    }

    @Override
    public List<LogRecord> read(TopicPartition tp, long offset, int maxRecords) {
        return delegate.read(tp, offset, maxRecords);
    }

    @Override
    public long startOffset(TopicPartition tp) {
        return delegate.startOffset(tp);
    }

    @Override
    public long endOffset(TopicPartition tp) {
        return delegate.endOffset(tp);
    }

    @Override
    public LogConsumer consumer(ConsumerConfig config) {
        return delegate.consumer(config);
    }

    @Override
    public void commitOffsets(String groupId, Map<TopicPartition, OffsetAndMetadata> offsets) {
        delegate.commitOffsets(groupId, offsets);
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> committedOffsets(String groupId) {
        return delegate.committedOffsets(groupId);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
