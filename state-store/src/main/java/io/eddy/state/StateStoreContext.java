package io.eddy.state;

import java.io.File;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What a store learns about the task that owns it, defined here because state-store cannot see the runtime (which
 * implements it). The counterpart of Kafka Streams' {@code org.apache.kafka.streams.processor.StateStoreContext}.
 *
 * <p>Thread safety: used only on the task's thread, except {@link #clock()} and the immutable getters.
 */
public interface StateStoreContext {

    /** @return the application id (prefix of changelog topic names) */
    String applicationId();

    /** @return the owning task's id as a string, e.g. {@code "0_1"} (sub-topology 0, partition 1) */
    String taskId();

    /** @return the task's state directory; it holds the task's checkpoint file and one sub-directory per store */
    File stateDir();

    /**
     * @param storeName a store of this task
     * @return the directory a persistent store keeps all of its files in; the state manager deletes exactly this
     *     directory when it wipes the store
     */
    default File storeDirectory(String storeName) {
        return new File(stateDir(), storeName);
    }

    /** @return the application configs (read-only) */
    Map<String, Object> appConfigs();

    /** @return the clock for wall-clock time; stores never read the system clock directly */
    Clock clock();

    /**
     * @return the timestamp in milliseconds of the record being processed (used for changelog records of untimestamped
     *     stores), or the clock's time when no record is being processed (punctuation)
     */
    long recordTimestamp();

    /** @return the writer for this task's changelog records, or empty when the task keeps no changelogs */
    Optional<ChangelogWriter> changelogWriter();

    /**
     * @param storeName a store of this task
     * @return its changelog topic: {@code <applicationId>-<storeName>-changelog}, as in Kafka Streams
     */
    default String changelogTopic(String storeName) {
        return applicationId() + "-" + storeName + "-changelog";
    }

    /** @return the changelog partition of this task's stores (the task's input partition) */
    int changelogPartition();

    /** @return the record-cache budget of the thread running this task; {@code maxBytes() == 0} disables caching */
    ThreadCache cache();

    /** @return the application's shared RocksDB memory budget, used by every RocksDB store; never null */
    RocksDBMemoryBudget rocksDBMemoryBudget();

    /**
     * Registers a store without a changelog so that the task flushes and closes it. Stores call this (or the
     * three-argument form, via the changelogging layer) from {@link StateStore#init}, passing their root.
     *
     * @param store the root of the store
     * @param restoreCallback applies restored records to the store's local state (unused without a changelog)
     * @throws IllegalArgumentException if another store with the same name is registered
     */
    void register(StateStore store, StateRestoreCallback restoreCallback);

    /**
     * Registers a logged store: the task restores it from {@code changelog} before processing and checkpoints its
     * changelog offset at every commit.
     *
     * @param store the root of the store
     * @param restoreCallback applies restored records to the store's local state, bypassing cache and changelog
     * @param changelog the changelog partition the store's changes are written to
     * @throws IllegalArgumentException if another store with the same name is registered
     */
    void register(StateStore store, StateRestoreCallback restoreCallback, ChangelogPartition changelog);
}
