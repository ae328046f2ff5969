package io.eddy.state.internal;

import io.eddy.state.ChangelogPartition;
import io.eddy.state.ChangelogWriter;
import io.eddy.state.RocksDBMemoryBudget;
import io.eddy.state.StateRestoreCallback;
import io.eddy.state.StateStore;
import io.eddy.state.StateStoreContext;
import io.eddy.state.ThreadCache;
import java.io.File;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** Forwards every call to another context; layers override what they change for the layers beneath them. */
public class DelegatingStateStoreContext implements StateStoreContext {

    private final StateStoreContext delegate;

    /** @param delegate the context to forward to */
    public DelegatingStateStoreContext(StateStoreContext delegate) {
        this.delegate = delegate;
    }

    @Override
    public String applicationId() {
        return delegate.applicationId();
    }

    @Override
    public String taskId() {
        return delegate.taskId();
    }

    @Override
    public File stateDir() {
        return delegate.stateDir();
    }

    @Override
    public File storeDirectory(String storeName) {
        return delegate.storeDirectory(storeName);
    }

    @Override
    public Map<String, Object> appConfigs() {
        return delegate.appConfigs();
    }

    @Override
    public Clock clock() {
        return delegate.clock();
    }

    @Override
    public long recordTimestamp() {
        return delegate.recordTimestamp();
    }

    @Override
    public Optional<ChangelogWriter> changelogWriter() {
        return delegate.changelogWriter();
    }

    @Override
    public String changelogTopic(String storeName) {
        return delegate.changelogTopic(storeName);
    }

    @Override
    public int changelogPartition() {
        return delegate.changelogPartition();
    }

    @Override
    public ThreadCache cache() {
        return delegate.cache();
    }

    @Override
    public RocksDBMemoryBudget rocksDBMemoryBudget() {
        return delegate.rocksDBMemoryBudget();
    }

    @Override
    public void register(StateStore store, StateRestoreCallback restoreCallback) {
        delegate.register(store, restoreCallback);
    }

    @Override
    public void register(StateStore store, StateRestoreCallback restoreCallback, ChangelogPartition changelog) {
        delegate.register(store, restoreCallback, changelog);
    }
}
