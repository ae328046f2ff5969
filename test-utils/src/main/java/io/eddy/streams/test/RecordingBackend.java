package io.eddy.streams.test;

import io.eddy.log.LogStore;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicPartition;
import io.eddy.streams.internal.EmbeddedLogBackend;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/** The driver's backend: remembers which topics were written to, and creates unknown output topics on first use. */
final class RecordingBackend extends EmbeddedLogBackend {
    private final Set<String> produced;

    RecordingBackend(LogStore log, Set<String> produced) {
        super(log, false);
        this.produced = produced;
    }

    @Override
    public OptionalInt partitionCount(String topic) {
        OptionalInt n = super.partitionCount(topic);
        if (n.isEmpty()) {
            // topics chosen at run time (topic name extractors) get one partition, like every driver topic
            return OptionalInt.of(createTopicIfAbsent(topic, 1, Map.of()));
        }
        return n;
    }

    @Override
    public void append(TopicPartition tp, List<ProducerRecord> records) {
        produced.add(tp.topic());
        super.append(tp, records);
    }
}
