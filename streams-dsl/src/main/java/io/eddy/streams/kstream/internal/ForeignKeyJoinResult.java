package io.eddy.streams.kstream.internal;

import io.eddy.state.TimestampedKeyValueStore;
import io.eddy.state.ValueAndTimestamp;
import io.eddy.streams.processor.api.Record;

/**
 * The result node of a foreign-key join, in the left table's task: gets each left key's new result (a plain value,
 * null for none) from the join's left side and response resolver, keeps it in the join's always-materialized store,
 * and forwards {@code Change(new, old)} with the exact old result — a tombstone only where a result existed. The
 * store is what the result table's readers (joins on it, queries) see: the right table is not reachable from this
 * task, so the result cannot be computed on demand.
 *
 * @param <K> the left key type
 * @param <VR> the result type
 */
final class ForeignKeyJoinResult<K, VR> extends StoredTableProcessorSupplier<K, VR, K, VR> {

    /** @param storeName the result store (a timestamped key-value store connected to this node) */
    ForeignKeyJoinResult(String storeName) {
        super(storeName);
    }

    @Override
    void process(Record<K, VR> record, TimestampedKeyValueStore<K, VR> store, TimestampedForwarder<K, VR> forwarder,
                 boolean sendOld) {
        VR newValue = record.value();
        ValueAndTimestamp<VR> old = store.get(record.key());
        if (newValue == null && old == null) {
            return; // no result existed: no tombstone
        }
        store.put(record.key(), ValueAndTimestamp.make(newValue, record.timestamp()));
        forwarder.maybeForward(record.key(), newValue, sendOld ? ValueAndTimestamp.getValueOrNull(old) : null,
                record.timestamp(), record.headers());
    }
}
