package io.eddy.state;

/**
 * A store that keeps the task's writes since the last commit apart from its committed contents and commits them
 * together with the changelog offset they correspond to, in one atomic write (exactly-once mode, enabled by
 * {@value TaskStateManager#EXACTLY_ONCE_CONFIG}{@code =true}). After a crash at any moment such a store reopens holding
 * exactly the contents of some commit and names that commit's changelog offset, so restore replays only the committed
 * changelog tail after it.
 *
 * <p>Calling pattern (done by {@link TaskStateManager#commit}; the runtime does not call stores directly):
 * <pre>{@code
 * store.flush();                  // caches write their dirty entries down: into the uncommitted batch, not the DB
 * // the runtime commits the log transaction holding the changelog records up to offset N
 * store.commit(N);                // batch + N in one atomic write; the batch is then empty
 * }</pre>
 * Closing without {@link #commit} drops the uncommitted writes, exactly as a crash does.
 *
 * <p>Implemented by the innermost persistent stores (RocksDB key-value stores and the segmented window and session
 * stores over RocksDB) and reached by the state manager through the restore callback they register.
 *
 * <p>Thread safety: called on the task's thread only.
 */
public interface TransactionalStore {

    /** The offset of a store that has never committed one (and the argument that leaves a store's offset as it is). */
    long NO_OFFSET = -1L;

    /**
     * @return true when this store runs in exactly-once mode (its writes stay uncommitted until {@link #commit});
     *     false when it writes through (at-least-once), in which case the other methods must not be called
     */
    boolean transactional();

    /**
     * Atomically writes every write accepted since the last commit together with {@code changelogOffset}, durably
     * (fsynced unless {@value TaskStateManager#FSYNC_CONFIG} is false), then starts a new empty set of uncommitted
     * writes. Call only after the changelog records up to {@code changelogOffset} are committed in the log.
     *
     * @param changelogOffset the offset of the last changelog record the committed state reflects, or
     *     {@link #NO_OFFSET} to keep the offset already committed (stores without a changelog)
     * @throws ProcessorStateException if the write fails; the uncommitted writes are then still pending
     * @throws InvalidStateStoreException if the store is not open
     * @throws IllegalStateException if the store is not {@link #transactional()}
     */
    void commit(long changelogOffset);

    /**
     * @return the changelog offset written by the last {@link #commit} (read back from the store's own files when it
     *     opens), or {@link #NO_OFFSET} when none was ever committed
     * @throws InvalidStateStoreException if the store is not open
     */
    long committedOffset();
}
