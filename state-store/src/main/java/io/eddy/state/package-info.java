/**
 * State stores for Eddy tasks, mirroring Kafka Streams' {@code org.apache.kafka.streams.state} so that code ports with
 * import changes only.
 *
 * <p>Entry points: {@link io.eddy.state.Stores} creates suppliers and {@link io.eddy.state.StoreBuilder}s; a built
 * store is layered as byte store (RocksDB or in-memory) &rarr; changelogging &rarr; typed facade &rarr; record cache.
 * The runtime implements {@link io.eddy.state.StateStoreContext}, {@link io.eddy.state.ChangelogWriter} and
 * {@link io.eddy.state.ChangelogSource}, creates one {@link io.eddy.state.ThreadCache} per stream thread and one
 * {@link io.eddy.state.RocksDBMemoryBudget} per application, and drives each task's stores through a
 * {@link io.eddy.state.TaskStateManager} (restore, flush, checkpoint, close).
 *
 * <p>Keys are ordered by their serialized bytes, unsigned lexicographically. Implementations live in
 * {@code io.eddy.state.internal}.
 */
package io.eddy.state;
