package io.eddy.benchmarks;

import io.eddy.state.ChangelogPartition;
import io.eddy.state.ChangelogWriter;
import io.eddy.state.RocksDBMemoryBudget;
import io.eddy.state.StateRestoreCallback;
import io.eddy.state.StateStore;
import io.eddy.state.StateStoreContext;
import io.eddy.state.TaskStateManager;
import io.eddy.state.ThreadCache;
import java.io.File;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** A store context for benchmarks: one task directory, an optional changelog writer, registration to a manager. */
final class BenchStoreContext implements StateStoreContext {
    private final File dir;
    private final RocksDBMemoryBudget budget;
    private final ChangelogWriter writer;
    private final TaskStateManager manager;
    private final ThreadCache cache;

    BenchStoreContext(File dir, RocksDBMemoryBudget budget, ChangelogWriter writer, TaskStateManager manager,
                      long cacheBytes) {
        this.dir = dir;
        this.budget = budget;
        this.writer = writer;
        this.manager = manager;
        this.cache = new ThreadCache(cacheBytes);
    }

    @Override
    public String applicationId() {
        return "bench";
    }

    @Override
    public String taskId() {
        return "0_0";
    }

    @Override
    public File stateDir() {
        return dir;
    }

    @Override
    public Map<String, Object> appConfigs() {
        return Map.of(TaskStateManager.FSYNC_CONFIG, "false");
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public long recordTimestamp() {
        return 0;
    }

    @Override
    public Optional<ChangelogWriter> changelogWriter() {
        return Optional.ofNullable(writer);
    }

    @Override
    public int changelogPartition() {
        return 0;
    }

    @Override
    public ThreadCache cache() {
        return cache;
    }

    @Override
    public RocksDBMemoryBudget rocksDBMemoryBudget() {
        return budget;
    }

    @Override
    public void register(StateStore store, StateRestoreCallback restoreCallback) {
        if (manager != null) {
            manager.registerStore(store, restoreCallback, null, this);
        }
    }

    @Override
    public void register(StateStore store, StateRestoreCallback restoreCallback, ChangelogPartition changelog) {
        if (manager != null) {
            manager.registerStore(store, restoreCallback, changelog, this);
        }
    }
}
