package io.eddy.state;

import io.eddy.state.internal.CheckpointFile;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Manages the stores of one task: registration, restore from changelogs, flush, checkpoint and close (the part of
 * Kafka Streams' {@code ProcessorStateManager} and {@code StoreChangelogReader} that needs no runtime). The runtime's
 * {@link StateStoreContext#register} implementations delegate to {@link #registerStore}.
 *
 * <p>Calling pattern:
 * <pre>{@code
 * TaskStateManager state = new TaskStateManager("0_1", taskDir, true);  // before any store is initialised
 * store.init(context, store);                    // context.register(...) -> state.registerStore(..., context)
 * state.restore(changelogSource, restoreListener);   // replays changelog tails, then checkpoints
 * ... process ...
 * state.flush();                                 // commit step 1: caches and stores write down
 * // commit steps 2-3: the runtime makes its changelog writes durable and commits input offsets
 * state.checkpoint(lastChangelogOffsets);       // commit step 4
 * state.close();
 * }</pre>
 *
 * <p>Checkpoint: one file per task ({@code <taskDir>/.checkpoint}, see {@link CheckpointFile}) records, for each
 * persistent logged store, the offset of the last changelog record its local state reflects. In-memory stores are
 * never checkpointed: they restore from the changelog start. Restore of a persistent store starts after its
 * checkpointed offset; it wipes the store's directory and restores from the changelog start when the checkpoint is
 * missing while local state exists, corrupt or of an unknown version, beyond the changelog end (the log was truncated
 * in recovery) or below its start (the tail it needs is gone). Each of these is logged as a warning.
 *
 * <p>Exactly-once mode ({@value #EXACTLY_ONCE_CONFIG}{@code =true} in the configs the stores' context returns):
 * persistent RocksDB stores become {@link TransactionalStore}s. Their writes since the last commit stay uncommitted,
 * and each names the changelog offset its committed contents reflect. Calling pattern:
 * <pre>{@code
 * TaskStateManager state = new TaskStateManager("0_1", taskDir, true);
 * store.init(context, store);
 * state.restore(readCommittedSource, restoreListener); // each store replays only the committed tail after its offset
 * ... process ...
 * state.flush();                        // caches write into the stores' uncommitted batches and the changelog
 * // the runtime commits the log transaction holding the cut's changelog records, outputs and input offsets, then:
 * state.commit(lastChangelogOffsets);   // commit each store's batch together with its changelog offset
 * ... or, to roll the task back to its last commit without a restart:
 * state.abort();                        // drop caches and uncommitted batches (stores are reopened)
 * state.restore(readCommittedSource, restoreListener); // replay the committed tail; in-memory stores rebuild fully
 * }</pre>
 * Restore of a transactional store starts after the offset read from the store itself, not the checkpoint file, and
 * never wipes it, unless that offset is beyond the changelog end or before its start. Each restored batch is committed
 * with the offset of its last record, so a crash during restore also leaves the store at a named position. The
 * changelog source must be read_committed ({@link ChangelogSource#readCommitted()}). Transactional stores are left out
 * of the checkpoint file; in-memory stores restore from the changelog start as always; a persistent store that is not
 * transactional (a custom supplier) keeps at-least-once checkpoints, and {@link #abort()} wipes it.
 *
 * <p>Thread safety: used by the task's thread only.
 */
public final class TaskStateManager implements AutoCloseable {

    /** Config key: whether checkpoints and store flushes fsync ({@code true} unless a test driver disables it). */
    public static final String FSYNC_CONFIG = "statestore.fsync";
    /**
     * Config key: whether stores run in exactly-once mode ({@code false} unless set to {@code true}); see the class
     * comment and {@link TransactionalStore}.
     */
    public static final String EXACTLY_ONCE_CONFIG = "statestore.exactly.once";
    /** The default number of changelog records read and applied per restore batch. */
    public static final int DEFAULT_RESTORE_BATCH_SIZE = 2000;

    private static final Logger LOG = LoggerFactory.getLogger(TaskStateManager.class);

    private final String taskId;
    private final File taskDirectory;
    private final CheckpointFile checkpointFile;
    private final Set<String> storesWithLocalState = new HashSet<>();
    private final Map<String, Registration> registrations = new LinkedHashMap<>();
    private Map<String, CheckpointFile.Entry> checkpointed;
    private String reinitializing;

    /**
     * Reads the task's checkpoint and notes which store directories already hold local state. Create it before any
     * store of the task is initialised.
     *
     * @param taskId the task id, for messages
     * @param taskDirectory the task's state directory (created if missing)
     * @param fsync whether checkpoints are fsynced
     * @throws ProcessorStateException if the directory cannot be created or listed
     */
    public TaskStateManager(String taskId, File taskDirectory, boolean fsync) {
        this.taskId = Objects.requireNonNull(taskId, "taskId");
        this.taskDirectory = Objects.requireNonNull(taskDirectory, "taskDirectory");
        if (!taskDirectory.isDirectory() && !taskDirectory.mkdirs()) {
            throw new ProcessorStateException("Cannot create state directory " + taskDirectory.getAbsolutePath()
                    + " of task " + taskId);
        }
        File[] children = taskDirectory.listFiles();
        if (children == null) {
            throw new ProcessorStateException("Cannot list state directory " + taskDirectory.getAbsolutePath()
                    + " of task " + taskId);
        }
        for (File child : children) {
            String[] contents = child.list();
            if (child.isDirectory() && contents != null && contents.length > 0) {
                storesWithLocalState.add(child.getName());
            }
        }
        this.checkpointFile = new CheckpointFile(taskDirectory, fsync);
        this.checkpointed = readCheckpoint();
    }

    /**
     * @param configs application configs
     * @return whether they select exactly-once mode ({@value #EXACTLY_ONCE_CONFIG} is {@code true} or
     *     {@code "true"}, ignoring case)
     */
    public static boolean exactlyOnce(Map<String, ?> configs) {
        Object value = configs.get(EXACTLY_ONCE_CONFIG);
        return value != null && "true".equalsIgnoreCase(value.toString().trim());
    }

    private Map<String, CheckpointFile.Entry> readCheckpoint() {
        try {
            return new LinkedHashMap<>(checkpointFile.read());
        } catch (CheckpointFile.CorruptCheckpointException | IOException e) {
            LOG.warn("Task {}: ignoring checkpoint file {} ({}); persistent stores with local state will be wiped "
                    + "and restored from the start of their changelogs", taskId, checkpointFile.path(),
                    e.getMessage());
            return new LinkedHashMap<>();
        }
    }

    /**
     * Registers a store; called (through the runtime's context) from {@link StateStore#init}.
     *
     * @param store the root of the store
     * @param restoreCallback applies restored changelog records
     * @param changelog the store's changelog partition, or null for an unlogged store
     * @param context the context the store was initialised with (used to re-initialise it after a wipe)
     * @throws IllegalArgumentException if a store with the same name is already registered
     */
    public void registerStore(StateStore store, StateRestoreCallback restoreCallback, ChangelogPartition changelog,
            StateStoreContext context) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(restoreCallback, "restoreCallback");
        Objects.requireNonNull(context, "context");
        String name = store.name();
        Registration existing = registrations.get(name);
        if (existing != null && !name.equals(reinitializing)) {
            throw new IllegalArgumentException("Store '" + name + "' is already registered with task " + taskId);
        }
        Registration registration = new Registration(store, restoreCallback, changelog, context);
        if (existing != null) {
            registration.offset = existing.offset;
        }
        registrations.put(name, registration);
    }

    /**
     * @param name a store name
     * @return the registered store's root, if any
     */
    public Optional<StateStore> store(String name) {
        Registration r = registrations.get(name);
        return r == null ? Optional.empty() : Optional.of(r.store);
    }

    /** @return the names of the registered stores, in registration order */
    public List<String> storeNames() {
        return List.copyOf(registrations.keySet());
    }

    /**
     * @param storeName a logged store
     * @return the offset of the last changelog record the store reflects (after restore or the last checkpoint), or
     *     empty when unknown
     */
    public OptionalLong changelogOffset(String storeName) {
        Registration r = registrations.get(storeName);
        return r == null || r.offset == null ? OptionalLong.empty() : OptionalLong.of(r.offset);
    }

    /**
     * Restores every logged store from its changelog, with the default batch size, then writes the checkpoint.
     *
     * @param source reads the changelogs
     * @param listener observes the restore
     * @throws ProcessorStateException if a store cannot be wiped or the checkpoint cannot be written
     */
    public void restore(ChangelogSource source, StateRestoreListener listener) {
        restore(source, listener, DEFAULT_RESTORE_BATCH_SIZE);
    }

    /**
     * Restores every logged store from its changelog, in batches of up to {@code batchSize} records, then flushes the
     * restored stores and writes the checkpoint. A {@link TransactionalStore} replays from its own committed offset
     * and commits after every batch, with the offset of the batch's last record.
     *
     * @param source reads the changelogs
     * @param listener observes the restore
     * @param batchSize records per batch, at least 1
     * @throws IllegalArgumentException if {@code batchSize < 1}, or if a store runs in exactly-once mode and
     *     {@code source} is not {@linkplain ChangelogSource#readCommitted() read_committed}
     * @throws ProcessorStateException if a store cannot be wiped or the checkpoint cannot be written
     */
    public void restore(ChangelogSource source, StateRestoreListener listener, int batchSize) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(listener, "listener");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, batchSize=" + batchSize);
        }
        for (Registration r : registrations.values()) {
            if (r.changelog != null && exactlyOnce(r.context.appConfigs()) && !source.readCommitted()) {
                throw new IllegalArgumentException("Task " + taskId + ": store '" + r.store.name() + "' runs with "
                        + EXACTLY_ONCE_CONFIG + "=true, so changelog " + r.changelog + " must be restored read_committed, "
                        + "but the ChangelogSource " + source + " reports readCommitted()=false");
            }
        }
        for (String name : new ArrayList<>(registrations.keySet())) {
            if (registrations.get(name).changelog != null) {
                restoreStore(name, source, listener, batchSize);
            }
        }
        flush();
        writeCheckpoint();
    }

    private void restoreStore(String name, ChangelogSource source, StateRestoreListener listener, int batchSize) {
        Registration r = registrations.get(name);
        ChangelogPartition changelog = r.changelog;
        long start = source.startOffset(changelog);
        long end = source.endOffset(changelog);
        long from = start;
        if (r.transactional != null && r.transactional.committedOffset() != TransactionalStore.NO_OFFSET) {
            long committed = r.transactional.committedOffset();
            if (committed >= end) {
                LOG.warn("Task {}: committed offset {} of store '{}' is beyond the end offset {} of changelog {} (the "
                        + "log was truncated); wiping the store and restoring from offset {}", taskId, committed, name,
                        end, changelog, start);
                wipe(r);
                r = registrations.get(name);
            } else if (committed + 1 < start) {
                LOG.warn("Task {}: committed offset {} of store '{}' is before the start offset {} of changelog {} "
                        + "(records it needs are gone); wiping the store and restoring from offset {}", taskId,
                        committed, name, start, changelog, start);
                wipe(r);
                r = registrations.get(name);
            } else {
                from = committed + 1;
            }
            storesWithLocalState.add(name);
        } else if (r.store.persistent()) {
            CheckpointFile.Entry entry = checkpointed.get(name);
            boolean hasLocalState = storesWithLocalState.contains(name);
            boolean wipe = false;
            if (entry != null && !entry.changelog().equals(changelog)) {
                LOG.warn("Task {}: checkpoint of store '{}' names changelog {} but the store now uses {}; ignoring it",
                        taskId, name, entry.changelog(), changelog);
                entry = null;
            }
            if (entry == null) {
                wipe = hasLocalState;
                if (wipe) {
                    LOG.warn("Task {}: store '{}' has local state in {} but no valid checkpoint; wiping it and "
                            + "restoring {} from offset {}", taskId, name, r.context.storeDirectory(name), changelog,
                            start);
                }
            } else if (!hasLocalState) {
                LOG.warn("Task {}: store '{}' is checkpointed at offset {} but has no local state; restoring {} from "
                        + "offset {}", taskId, name, entry.offset(), changelog, start);
            } else if (entry.offset() >= end) {
                LOG.warn("Task {}: checkpointed offset {} of store '{}' is beyond the end offset {} of changelog {} "
                        + "(the log was truncated); wiping the store and restoring from offset {}", taskId,
                        entry.offset(), name, end, changelog, start);
                wipe = true;
            } else if (entry.offset() + 1 < start) {
                LOG.warn("Task {}: checkpointed offset {} of store '{}' is before the start offset {} of changelog {} "
                        + "(records it needs are gone); wiping the store and restoring from offset {}", taskId,
                        entry.offset(), name, start, changelog, start);
                wipe = true;
            } else {
                from = entry.offset() + 1;
            }
            if (wipe) {
                wipe(r);
                r = registrations.get(name);
            }
            storesWithLocalState.add(name);
        }
        boolean complete = replay(r, source, listener, from, end, batchSize);
        r.offset = end - 1;
        if (r.transactional != null && complete && end > start) {
            r.transactional.commit(end - 1); // the records after the last one restored are markers or aborted
        }
    }

    private void wipe(Registration r) {
        String name = r.store.name();
        File directory = r.context.storeDirectory(name);
        r.store.close();
        deleteRecursively(directory);
        reinitialize(r);
    }

    private void reinitialize(Registration r) {
        r.store.close();
        reinitializing = r.store.name();
        try {
            r.store.init(r.context, r.store);
        } finally {
            reinitializing = null;
        }
    }

    private void deleteRecursively(File directory) {
        Path root = directory.toPath();
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new ProcessorStateException("Cannot wipe state directory " + directory.getAbsolutePath()
                    + " of task " + taskId, e);
        }
    }

    /** @return true when the replay reached the end offset */
    private boolean replay(Registration r, ChangelogSource source, StateRestoreListener listener, long from, long end,
            int batchSize) {
        String name = r.store.name();
        listener.onRestoreStart(r.changelog, name, from, end);
        long total = 0;
        long offset = from;
        while (offset < end) {
            List<ChangelogRecord> batch = source.read(r.changelog, offset, batchSize);
            if (batch.isEmpty()) {
                if (source.readCommitted()) {
                    // only transaction markers (or aborted records) remain before the end: nothing to apply
                    break;
                }
                LOG.warn("Task {}: changelog {} returned no records at offset {} before its end offset {}; store '{}' "
                        + "is restored up to there", taskId, r.changelog, offset, end, name);
                listener.onRestoreEnd(r.changelog, name, total);
                return false;
            }
            int n = batch.size();
            while (n > 0 && batch.get(n - 1).offset() >= end) {
                n--;
            }
            if (n == 0) {
                break;
            }
            List<ChangelogRecord> records = n == batch.size() ? batch : batch.subList(0, n);
            apply(r.callback, records);
            long last = records.get(n - 1).offset();
            if (r.transactional != null) {
                r.transactional.commit(last);
            }
            total += n;
            listener.onBatchRestored(r.changelog, name, last, n);
            offset = last + 1;
        }
        listener.onRestoreEnd(r.changelog, name, total);
        return true;
    }

    private static void apply(StateRestoreCallback callback, List<ChangelogRecord> records) {
        if (callback instanceof RecordBatchingStateRestoreCallback recordBatching) {
            recordBatching.restoreBatch(records);
        } else if (callback instanceof BatchingStateRestoreCallback batching) {
            List<KeyValue<byte[], byte[]>> kvs = new ArrayList<>(records.size());
            for (ChangelogRecord record : records) {
                kvs.add(KeyValue.pair(record.key(), record.value()));
            }
            batching.restoreAll(kvs);
        } else {
            for (ChangelogRecord record : records) {
                callback.restore(record.key(), record.value());
            }
        }
    }

    /**
     * Flushes every registered store (caches write their dirty entries down and to the changelog).
     *
     * @throws ProcessorStateException if a store fails to flush
     */
    public void flush() {
        for (Registration r : registrations.values()) {
            if (r.store.isOpen()) {
                r.store.flush();
            }
        }
    }

    /**
     * Exactly-once commit of every store: commits every {@link TransactionalStore} with the offset of the last record
     * of its changelog partition, in one atomic write per store, then does what {@link #checkpoint} does for the
     * other stores. Call {@link #flush()} first, then commit the log transaction holding the changelog records the
     * flush produced, then this method with their offsets. It does not flush: writes flushed after the log
     * transaction would be committed under an offset whose records they are not.
     *
     * @param lastWrittenOffsets for each changelog partition written since the last commit, the offset of its last
     *     record; partitions without new records may be absent
     * @throws ProcessorStateException if a store fails to flush or commit, or the checkpoint cannot be written; the
     *     task should then {@link #abort()} (or be closed) and restore
     */
    public void commit(Map<ChangelogPartition, Long> lastWrittenOffsets) {
        for (Registration r : registrations.values()) {
            if (r.transactional == null || !r.store.isOpen()) {
                continue;
            }
            Long offset = r.changelog == null ? null : lastWrittenOffsets.get(r.changelog);
            if (offset != null) {
                r.offset = offset;
            }
            r.transactional.commit(r.changelog != null && r.offset != null ? r.offset : TransactionalStore.NO_OFFSET);
        }
        checkpoint(lastWrittenOffsets);
    }

    /**
     * Rolls every store back to its last commit without a restart: caches and uncommitted batches are dropped by
     * closing each store and opening it again (a transactional store reopens exactly at its last commit, as after a
     * crash); in-memory stores come back empty, and a persistent store that is not transactional is wiped. The
     * runtime must then call {@link #restore} again before processing: transactional stores replay only the committed
     * changelog tail after their offset, the others replay their whole changelog.
     *
     * @throws ProcessorStateException if a store cannot be reopened or wiped
     */
    public void abort() {
        for (String name : new ArrayList<>(registrations.keySet())) {
            Registration r = registrations.get(name);
            if (!r.store.isOpen()) {
                continue;
            }
            if (r.store.persistent() && r.transactional == null) {
                wipe(r);
                checkpointed.remove(name);
            } else {
                reinitialize(r);
            }
            Registration reopened = registrations.get(name);
            reopened.offset = reopened.transactional == null
                    || reopened.transactional.committedOffset() == TransactionalStore.NO_OFFSET ? null
                    : reopened.transactional.committedOffset();
        }
    }

    /**
     * Records the changelog positions reached and writes the checkpoint file atomically. Call after {@link #flush()}
     * and after the changelog records up to {@code lastWrittenOffsets} are durable. {@link TransactionalStore}s are
     * neither committed nor checkpointed here (only {@link #commit} commits them, at a log transaction's commit), so
     * a checkpoint taken while a transaction is open, e.g. on close, cannot make its writes look committed.
     *
     * @param lastWrittenOffsets for each changelog partition written since the last checkpoint, the offset of its last
     *     record; partitions without new records may be absent
     * @throws ProcessorStateException if the file cannot be written
     */
    public void checkpoint(Map<ChangelogPartition, Long> lastWrittenOffsets) {
        for (Registration r : registrations.values()) {
            if (r.changelog != null && r.transactional == null) {
                Long offset = lastWrittenOffsets.get(r.changelog);
                if (offset != null) {
                    r.offset = offset;
                }
            }
        }
        writeCheckpoint();
    }

    private void writeCheckpoint() {
        List<CheckpointFile.Entry> entries = new ArrayList<>();
        for (Registration r : registrations.values()) {
            if (r.changelog != null && r.offset != null && r.store.persistent() && r.transactional == null) {
                entries.add(new CheckpointFile.Entry(r.store.name(), r.changelog, r.offset));
            }
        }
        try {
            checkpointFile.write(entries);
        } catch (IOException e) {
            throw new ProcessorStateException("Cannot write checkpoint file " + checkpointFile.path() + " of task "
                    + taskId, e);
        }
        Map<String, CheckpointFile.Entry> written = new LinkedHashMap<>();
        for (CheckpointFile.Entry e : entries) {
            written.put(e.storeName(), e);
        }
        checkpointed = written;
    }

    /** @return the checkpoint file's path */
    public Path checkpointPath() {
        return checkpointFile.path();
    }

    /** @return the task's state directory */
    public File taskDirectory() {
        return taskDirectory;
    }

    /**
     * Closes every registered store in reverse registration order, without flushing. Idempotent. A store that fails
     * to close does not keep the others open.
     *
     * @throws RuntimeException the first close failure, after every store was closed
     */
    @Override
    public void close() {
        List<Registration> all = new ArrayList<>(registrations.values());
        RuntimeException first = null;
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                all.get(i).store.close();
            } catch (RuntimeException e) {
                LOG.warn("Task {}: failed to close store '{}'", taskId, all.get(i).store.name(), e);
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** @return the registered stores' roots */
    public Collection<StateStore> stores() {
        List<StateStore> stores = new ArrayList<>();
        for (Registration r : registrations.values()) {
            stores.add(r.store);
        }
        return stores;
    }

    private static final class Registration {
        final StateStore store;
        final StateRestoreCallback callback;
        final ChangelogPartition changelog;
        final StateStoreContext context;
        /** The store's transactions, reached through its restore callback; null unless in exactly-once mode. */
        final TransactionalStore transactional;
        Long offset;

        Registration(StateStore store, StateRestoreCallback callback, ChangelogPartition changelog,
                StateStoreContext context) {
            this.store = store;
            this.callback = callback;
            this.changelog = changelog;
            this.context = context;
            this.transactional = callback instanceof TransactionalStore t && t.transactional() ? t : null;
        }
    }
}
