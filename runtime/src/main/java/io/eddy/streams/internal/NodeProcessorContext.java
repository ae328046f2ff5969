package io.eddy.streams.internal;

import io.eddy.serialization.Serde;
import io.eddy.state.StateStore;
import io.eddy.streams.errors.StreamsException;
import io.eddy.streams.processor.Cancellable;
import io.eddy.streams.processor.PunctuationType;
import io.eddy.streams.processor.Punctuator;
import io.eddy.streams.processor.RecordContext;
import io.eddy.streams.processor.TaskId;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.Record;
import io.eddy.streams.processor.api.RecordMetadata;
import java.io.File;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The {@link ProcessorContext} of one processor node: forwards go to that node's children. */
final class NodeProcessorContext implements ProcessorContext<Object, Object>, DroppedRecordsRecorder {
    private final ProcessorNodeRuntime node;
    private final TaskContext task;

    NodeProcessorContext(ProcessorNodeRuntime node, TaskContext task) {
        this.node = node;
        this.task = task;
    }

    @Override
    public String applicationId() {
        return task.applicationId();
    }

    @Override
    public TaskId taskId() {
        return task.taskId();
    }

    @Override
    public Optional<RecordMetadata> recordMetadata() {
        RecordContext rc = task.recordContext();
        if (rc == null || rc.topic() == null) {
            return Optional.empty();
        }
        return Optional.of(new SourceRecordMetadata(rc.topic(), rc.partition(), rc.offset()));
    }

    @Override
    public Serde<?> keySerde() {
        return task.defaultKeySerde();
    }

    @Override
    public Serde<?> valueSerde() {
        return task.defaultValueSerde();
    }

    @Override
    public File stateDir() {
        return task.stateDir();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S extends StateStore> S getStateStore(String name) {
        StateStore s = task.store(node.name, name);
        if (s == null) {
            throw new StreamsException("processor '" + node.name + "' has no access to store '" + name
                    + "': connect it with Topology.addStateStore(builder, \"" + node.name + "\") or"
                    + " connectProcessorAndStateStores");
        }
        return (S) s;
    }

    @Override
    public Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback) {
        if (interval.toMillis() < 1) {
            throw new IllegalArgumentException("punctuation interval must be at least 1 ms, was " + interval);
        }
        return task.schedule(node.name, interval, type, callback);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> void forward(Record<K, V> record) {
        Record<Object, Object> r = (Record<Object, Object>) record;
        var children = node.children;
        for (int i = 0, n = children.size(); i < n; i++) {
            children.get(i).process(r);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> void forward(Record<K, V> record, String childName) {
        RuntimeNode child = node.child(childName);
        if (child == null) {
            throw new StreamsException("processor '" + node.name + "' has no child named '" + childName + "'");
        }
        child.process((Record<Object, Object>) record);
    }

    @Override
    public void recordDroppedRecord() {
        task.metrics().droppedRecord();
    }

    @Override
    public void commit() {
        task.requestCommit();
    }

    @Override
    public Map<String, Object> appConfigs() {
        return task.appConfigs();
    }

    @Override
    public Map<String, Object> appConfigsWithPrefix(String prefix) {
        Map<String, Object> out = new HashMap<>();
        task.appConfigs().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    @Override
    public long currentSystemTimeMs() {
        return task.wallClockTime();
    }

    @Override
    public long currentStreamTimeMs() {
        return task.streamTime();
    }
}
