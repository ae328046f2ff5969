package io.eddy.streams.internal;

import io.eddy.log.LogRecord;
import io.eddy.log.TopicPartition;
import io.eddy.state.ChangelogPartition;
import io.eddy.state.ChangelogRecord;
import io.eddy.state.ChangelogSource;
import io.eddy.state.ChangelogWriter;
import io.eddy.state.RocksDBMemoryBudget;
import io.eddy.state.StateRestoreCallback;
import io.eddy.state.StateRestoreListener;
import io.eddy.state.StateStore;
import io.eddy.state.StateStoreContext;
import io.eddy.state.TaskStateManager;
import io.eddy.state.ThreadCache;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link StateStoreContext} a task's stores initialize with: it routes their changelog writes to the thread's
 * record collector (so they join the commit), and hands registration, restore, flush and checkpoints to state-store's
 * {@link TaskStateManager}, reading changelogs through the runtime's log backend.
 */
final class TaskStoreContext implements StateStoreContext {
    private final TaskContext task;
    private final Path taskDir;
    private final LogBackend backend;
    private final ThreadCache cache;
    private final RocksDBMemoryBudget memoryBudget;
    private final Clock clock;
    private final TaskStateManager state;
    private final ChangelogWriter changelogWriter;
    private final boolean readCommitted;

    TaskStoreContext(TaskContext task, Path taskDir, LogBackend backend, RecordCollector collector, ThreadCache cache,
                     RocksDBMemoryBudget memoryBudget, Clock clock, boolean fsync, boolean readCommitted) {
        this.readCommitted = readCommitted;
        this.task = task;
        this.taskDir = taskDir;
        this.backend = backend;
        this.cache = cache;
        this.memoryBudget = memoryBudget;
        this.clock = clock;
        this.state = new TaskStateManager(task.taskId().toString(), taskDir.toFile(), fsync);
        this.changelogWriter = (topic, partition, key, value, timestamp) ->
                collector.send(topic, partition, key, value, timestamp, null);
    }

    /** Replays each logged store's changelog tail (or all of it) and checkpoints. */
    void restore(StateRestoreListener listener) {
        state.restore(new BackendChangelogSource(), listener);
    }

    void flush() {
        state.flush();
    }

    /**
     * Exactly-once commit of the stores, after the log transaction holding their changelog records committed: each
     * transactional store writes its pending batch together with its changelog offset in one atomic write.
     */
    void commitState() {
        state.commit(lastChangelogOffsets());
    }

    private Map<ChangelogPartition, Long> lastChangelogOffsets() {
        Map<ChangelogPartition, Long> last = new LinkedHashMap<>();
        for (String name : state.storeNames()) {
            String topic = changelogTopic(name);
            TopicPartition tp = new TopicPartition(topic, changelogPartition());
            if (backend.partitionCount(topic).isPresent()) {
                long end = readCommitted ? backend.lastStableOffset(tp) : backend.endOffset(tp);
                if (end > 0) {
                    last.put(new ChangelogPartition(topic, tp.partition()), end - 1);
                }
            }
        }
        return last;
    }

    /**
     * Changelog records written since the last checkpoint before a commit writes a new one. A stale checkpoint only
     * costs a longer restore (replaying a changelog tail is idempotent); writing one on every commit would cost a
     * file rename per task per commit. Kafka Streams uses the same threshold under at-least-once.
     */
    static final long CHECKPOINT_DELTA_RECORDS = 10_000;

    private long checkpointedSum = -1;

    /**
     * Checkpoints every changelog at its current end (the collector was flushed and offsets committed), when the
     * changelogs advanced enough since the last checkpoint or when {@code force}d (closing).
     */
    void checkpoint(boolean force) {
        Map<ChangelogPartition, Long> last = lastChangelogOffsets();
        long sum = 0;
        for (long o : last.values()) {
            sum += o;
        }
        if (!force && checkpointedSum >= 0 && sum - checkpointedSum < CHECKPOINT_DELTA_RECORDS) {
            return;
        }
        state.checkpoint(last);
        checkpointedSum = sum;
    }

    void close() {
        state.close();
    }

    Map<String, StateStore> stores() {
        Map<String, StateStore> out = new LinkedHashMap<>();
        for (StateStore s : state.stores()) {
            out.put(s.name(), s);
        }
        return out;
    }

    /** Reads changelogs from the log backend (read committed under exactly-once). */
    private final class BackendChangelogSource implements ChangelogSource {
        @Override
        public boolean readCommitted() {
            return readCommitted;
        }

        @Override
        public long startOffset(ChangelogPartition partition) {
            return backend.startOffset(new TopicPartition(partition.topic(), partition.partition()));
        }

        @Override
        public long endOffset(ChangelogPartition partition) {
            TopicPartition tp = new TopicPartition(partition.topic(), partition.partition());
            return readCommitted ? backend.lastStableOffset(tp) : backend.endOffset(tp);
        }

        @Override
        public List<ChangelogRecord> read(ChangelogPartition partition, long fromOffset, int maxRecords) {
            List<LogRecord> records = backend.read(new TopicPartition(partition.topic(), partition.partition()),
                    fromOffset, maxRecords, readCommitted);
            List<ChangelogRecord> out = new ArrayList<>(records.size());
            for (LogRecord r : records) {
                out.add(new ChangelogRecord(r.offset(), r.timestamp(), r.key(), r.value()));
            }
            return out;
        }
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
        state.registerStore(store, restoreCallback, null, this);
    }

    @Override
    public void register(StateStore store, StateRestoreCallback restoreCallback, ChangelogPartition changelog) {
        state.registerStore(store, restoreCallback, changelog, this);
    }
}
