package io.eddy.state;

/**
 * Where a logged store sends its changes, implemented by the runtime over its log so that changelog writes join the
 * task's commit. A store calls it once per put/delete that reaches its persistent layer, i.e. after the record cache:
 * at cache flush (commit) or eviction, never on every cache hit.
 *
 * <p>Thread safety: called only from the task's thread. Ordering: records for one partition must be appended in call
 * order. Durability: a send need not be durable on return; the runtime makes it durable before it writes the task's
 * checkpoint, and passes the offset of each changelog's last record to the state manager's checkpoint.
 */
@FunctionalInterface
public interface ChangelogWriter {

    /**
     * Appends one changelog record.
     *
     * @param topic the changelog topic
     * @param partition the changelog partition (the task's partition)
     * @param key the key bytes, not null; not modified afterwards by the store
     * @param value the value bytes, or null for a delete (tombstone)
     * @param timestamp the timestamp of the record that caused the change, in milliseconds
     * @throws StateStoreException (or a runtime-specific subclass) if the record cannot be appended
     */
    void send(String topic, int partition, byte[] key, byte[] value, long timestamp);
}
