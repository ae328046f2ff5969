package io.eddy.state;

/**
 * A storage engine for the state of one task, mirroring Kafka Streams' {@code org.apache.kafka.streams.processor.StateStore}.
 *
 * <p>Lifecycle: a store is built closed, opened by {@link #init(StateStoreContext, StateStore)}, flushed at every
 * commit and closed by its owner (the task). A closed store may be initialised again (the state manager does so when it
 * wipes a store's local state before a full restore).
 *
 * <p>Thread safety: all writes and lifecycle calls come from the single thread that owns the task. Implementations
 * state separately which reads may come from other threads (interactive queries).
 */
public interface StateStore {

    /** @return the store's name, unique within the application; used for its directory and changelog topic */
    String name();

    /**
     * Opens the store and registers it with the context ({@link StateStoreContext#register}) so that the task's state
     * manager can flush, checkpoint, restore and close it.
     *
     * @param context the task's context for this store
     * @param root the outermost layer of this store (the one the task sees); passed to {@code register}
     * @throws ProcessorStateException if the store's local state cannot be opened (e.g. its directory is locked)
     * @throws IllegalStateException if the store is already open
     */
    void init(StateStoreContext context, StateStore root);

    /**
     * Makes every write accepted so far durable in the layer below: caches write their dirty entries down (and so to
     * the changelog), persistent stores flush their buffers. Called by the task on commit, before the checkpoint.
     *
     * @throws ProcessorStateException if the underlying storage fails
     * @throws InvalidStateStoreException if the store is not open
     */
    void flush();

    /**
     * Closes the store and releases every resource it holds (files, native memory, open iterators). Does not flush:
     * the owner flushes first when it wants the contents kept. Idempotent.
     */
    void close();

    /** @return true when the store keeps its state on local disk (and so may be checkpointed) */
    boolean persistent();

    /** @return true between a successful {@link #init} and {@link #close} */
    boolean isOpen();
}
