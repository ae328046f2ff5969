package io.eddy.streams.internal;

import io.eddy.log.LogRecord;
import io.eddy.log.TopicPartition;
import io.eddy.state.BatchingStateRestoreCallback;
import io.eddy.state.ChangelogPartition;
import io.eddy.state.ChangelogWriter;
import io.eddy.state.KeyValue;
import io.eddy.state.RocksDBMemoryBudget;
import io.eddy.state.StateRestoreCallback;
import io.eddy.state.StateRestoreListener;
import io.eddy.state.StateStore;
import io.eddy.state.StateStoreContext;
import io.eddy.state.ThreadCache;
import io.eddy.streams.errors.StreamsException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns a task's stores: the {@link StateStoreContext} they initialize with, their restore from changelogs, flushes,
 * checkpoints and closing. A checkpoint that is unreadable, or names an offset beyond its changelog's end (the log
 * was cut in recovery), wipes the affected stores' local state before they open, so they restore fully.
 */
final class TaskStateManager implements StateStoreContext {
    private static final Logger LOG = LoggerFactory.getLogger(TaskStateManager.class);
    private static final int RESTORE_BATCH = 10_000;

    private final TaskContext task;
    private final Path taskDir;
    private final LogBackend backend;
    private final RecordCollector collector;
    private final ThreadCache cache;
    private final RocksDBMemoryBudget memoryBudget;
    private final Clock clock;
    private final boolean fsync;
    private final Map<String, Registration> registrations = new LinkedHashMap<>();
    private Map<TopicPartition, Long> checkpointed = Map.of();
    private final ChangelogWriter changelogWriter;

    private record Registration(StateStore store, StateRestoreCallback callback, ChangelogPartition changelog) {
    }

    TaskStateManager(TaskContext task, Path taskDir, LogBackend backend, RecordCollector collector, ThreadCache cache,
                     RocksDBMemoryBudget memoryBudget, Clock clock, boolean fsync) {
        this.task = task;
        this.taskDir = taskDir;
        this.backend = backend;
        this.collector = collector;
        this.cache = cache;
        this.memoryBudget = memoryBudget;
        this.clock = clock;
        this.fsync = fsync;
        this.changelogWriter = (topic, partition, key, value, timestamp) ->
                collector.send(topic, partition, key, value, timestamp, null);
    }

    /**
     * Reads the checkpoint before any store opens, and wipes local state that cannot be trusted.
     *
     * @param loggedStores names of the task's stores that keep a changelog
     * @param persistentStores names of the task's stores that keep local files
     */
    void prepare(Set<String> loggedStores, Set<String> persistentStores) {
        try {
            Files.createDirectories(taskDir);
        } catch (IOException e) {
            throw new StreamsException("cannot create state directory " + taskDir + " of task " + task.taskId(), e);
        }
        try {
            checkpointed = TaskCheckpoint.read(taskDir);
        } catch (TaskCheckpoint.CorruptCheckpointException e) {
            LOG.warn("task {}: {}; wiping its local state to restore it fully from the changelogs", task.taskId(),
                    e.getMessage());
            for (String store : persistentStores) {
                wipe(store);
            }
            checkpointed = Map.of();
            return;
        }
        for (String store : loggedStores) {
            TopicPartition tp = new TopicPartition(changelogTopic(store), changelogPartition());
            Long offset = checkpointed.get(tp);
            if (offset != null && offset > backend.endOffset(tp)) {
                LOG.warn("task {}: checkpoint of store {} is at offset {}, beyond the end {} of its changelog {} (the"
                        + " log was cut in recovery); wiping the store to restore it fully", task.taskId(), store,
                        offset, backend.endOffset(tp), tp);
                wipe(store);
                Map<TopicPartition, Long> copy = new LinkedHashMap<>(checkpointed);
                copy.remove(tp);
                checkpointed = copy;
            }
        }
    }

    private void wipe(String store) {
        Path dir = storeDirectory(store).toPath();
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new StreamsException("cannot wipe state directory " + dir + " of store " + store, e);
        }
    }

    /**
     * Replays each logged store's changelog from its checkpointed offset (or the start) to the end.
     *
     * @return records restored
     */
    long restore(StateRestoreListener listener) {
        long total = 0;
        for (Map.Entry<String, Registration> e : registrations.entrySet()) {
            Registration r = e.getValue();
            if (r.changelog() == null) {
                continue;
            }
            TopicPartition tp = new TopicPartition(r.changelog().topic(), r.changelog().partition());
            long start = Math.max(backend.startOffset(tp), checkpointed.getOrDefault(tp, 0L));
            long end = backend.endOffset(tp);
            if (start >= end) {
                continue;
            }
            listener.onRestoreStart(r.changelog(), e.getKey(), start, end);
            long restored = 0;
            long offset = start;
            while (offset < end) {
                List<LogRecord> batch = backend.read(tp, offset, RESTORE_BATCH);
                if (batch.isEmpty()) {
                    break;
                }
                if (r.callback() instanceof BatchingStateRestoreCallback b) {
                    List<KeyValue<byte[], byte[]>> kvs = new ArrayList<>(batch.size());
                    for (LogRecord rec : batch) {
                        if (rec.offset() < end) {
                            kvs.add(KeyValue.pair(rec.key(), rec.value()));
                        }
                    }
                    b.restoreAll(kvs);
                    restored += kvs.size();
                } else {
                    for (LogRecord rec : batch) {
                        if (rec.offset() < end) {
                            r.callback().restore(rec.key(), rec.value());
                            restored++;
                        }
                    }
                }
                offset = batch.get(batch.size() - 1).offset() + 1;
                listener.onBatchRestored(r.changelog(), e.getKey(), offset, batch.size());
            }
            listener.onRestoreEnd(r.changelog(), e.getKey(), restored);
            total += restored;
        }
        return total;
    }

    /** Flushes every store (caches first: their evictions go to the collector). */
    void flush() {
        for (Registration r : registrations.values()) {
            r.store().flush();
        }
    }

    /** Writes the checkpoint: every changelog's end offset, which the flushed collector has just reached. */
    void checkpoint() {
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        for (Registration r : registrations.values()) {
            if (r.changelog() != null) {
                TopicPartition tp = new TopicPartition(r.changelog().topic(), r.changelog().partition());
                offsets.put(tp, backend.endOffset(tp));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            TaskCheckpoint.write(taskDir, offsets, fsync);
            checkpointed = offsets;
        } catch (IOException e) {
            throw new StreamsException("cannot write checkpoint of task " + task.taskId() + " in " + taskDir, e);
        }
    }

    void close() {
        RuntimeException first = null;
        for (Registration r : registrations.values()) {
            try {
                r.store().close();
            } catch (RuntimeException e) {
                LOG.warn("closing store {} of task {} failed", r.store().name(), task.taskId(), e);
                if (first == null) {
                    first = e;
                }
            }
        }
        registrations.clear();
        if (first != null) {
            throw first;
        }
    }

    Map<String, StateStore> stores() {
        Map<String, StateStore> out = new LinkedHashMap<>();
        registrations.forEach((k, v) -> out.put(k, v.store()));
        return out;
    }

    @Override
    public String applicationId() {
        return task.applicationId();
    }

    @Override
    public String taskId() {
        return task.taskId().toString();
    }

    @Override
    public File stateDir() {
        return taskDir.toFile();
    }

    @Override
    public Map<String, Object> appConfigs() {
        return task.appConfigs();
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public long recordTimestamp() {
        var rc = task.recordContext();
        return rc == null ? clock.millis() : rc.timestamp();
    }

    @Override
    public Optional<ChangelogWriter> changelogWriter() {
        return Optional.of(changelogWriter);
    }

    @Override
    public int changelogPartition() {
        return task.taskId().partition();
    }

    @Override
    public ThreadCache cache() {
        return cache;
    }

    @Override
    public RocksDBMemoryBudget rocksDBMemoryBudget() {
        return memoryBudget;
    }

    @Override
    public void register(StateStore store, StateRestoreCallback restoreCallback) {
        add(store, restoreCallback, null);
    }

    @Override
    public void register(StateStore store, StateRestoreCallback restoreCallback, ChangelogPartition changelog) {
        add(store, restoreCallback, changelog);
    }

    private void add(StateStore store, StateRestoreCallback cb, ChangelogPartition changelog) {
        if (registrations.containsKey(store.name())) {
            throw new IllegalArgumentException("store " + store.name() + " is already registered in task "
                    + task.taskId());
        }
        registrations.put(store.name(), new Registration(store, cb, changelog));
    }
}
