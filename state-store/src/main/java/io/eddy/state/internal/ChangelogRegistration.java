package io.eddy.state.internal;

import io.eddy.state.ChangelogPartition;
import io.eddy.state.StateRestoreCallback;
import io.eddy.state.StateStore;
import io.eddy.state.StateStoreContext;

/**
 * The context the changelogging layers of window and session stores give the store below: its registration (with the
 * store's own bulk restore callback) is turned into a logged one on the store's changelog partition, exactly as
 * {@link ChangeLoggingKeyValueBytesStore} does for key-value stores. Timestamped stores get their plain changelog
 * values back with the 8-byte timestamp prefix through {@link TimestampRestoringCallback}.
 */
final class ChangelogRegistration extends DelegatingStateStoreContext {

    private final ChangelogPartition changelog;
    private final boolean timestampedValues;

    ChangelogRegistration(StateStoreContext context, ChangelogPartition changelog, boolean timestampedValues) {
        super(context);
        this.changelog = changelog;
        this.timestampedValues = timestampedValues;
    }

    @Override
    public void register(StateStore store, StateRestoreCallback restoreCallback) {
        StateRestoreCallback callback = timestampedValues
                ? new TimestampRestoringCallback(restoreCallback) : restoreCallback;
        super.register(store, callback, changelog);
    }
}
