package io.eddy.state;

import java.io.File;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A StateStoreContext for tests, registering stores with a {@link TaskStateManager}. */
public final class TestContext implements StateStoreContext {

    public static final String APP_ID = "app";

    private final File stateDir;
    private final TaskStateManager stateManager;
    private final ChangelogWriter writer;
    private final ThreadCache cache;
    private final RocksDBMemoryBudget budget;
    private final Map<String, Object> configs = new HashMap<>();
    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(1_000_000L), ZoneOffset.UTC);
    private long recordTimestamp = 42L;

    public TestContext(File stateDir, ChangelogWriter writer, long cacheBytes, RocksDBMemoryBudget budget) {
        this.stateDir = stateDir;
        this.writer = writer;
        this.cache = new ThreadCache(cacheBytes);
        this.budget = budget;
        this.configs.put(TaskStateManager.FSYNC_CONFIG, "false");
        this.stateManager = new TaskStateManager("0_3", stateDir, false);
    }

    public TaskStateManager stateManager() {
        return stateManager;
    }

    public TestContext config(String key, Object value) {
        configs.put(key, value);
        return this;
    }

    public void setRecordTimestamp(long timestamp) {
        this.recordTimestamp = timestamp;
    }

    public ChangelogPartition changelogFor(String storeName) {
        return new ChangelogPartition(changelogTopic(storeName), changelogPartition());
    }

    @Override
    public String applicationId() {
        return APP_ID;
    }

    @Override
    public String taskId() {
        return "0_3";
    }

    @Override
    public File stateDir() {
        return stateDir;
    }

    @Override
    public Map<String, Object> appConfigs() {
        return configs;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public long recordTimestamp() {
        return recordTimestamp;
    }

    @Override
    public Optional<ChangelogWriter> changelogWriter() {
        return Optional.ofNullable(writer);
    }

    @Override
    public int changelogPartition() {
        return 3;
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
        stateManager.registerStore(store, restoreCallback, null, this);
    }

    @Override
    public void register(StateStore store, StateRestoreCallback restoreCallback, ChangelogPartition changelog) {
        stateManager.registerStore(store, restoreCallback, changelog, this);
    }
}
