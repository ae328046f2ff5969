package io.eddy.streams.kstream.internal;

import io.eddy.state.TimestampedKeyValueStore;
import io.eddy.state.ValueAndTimestamp;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.Processor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.Record;
import java.util.Objects;

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
final class ForeignKeyJoinResult<K, VR> implements KTableProcessorSupplier<K, VR, K, VR> {
    private final String storeName;
    private boolean sendOldValues;

    /** @param storeName the result store (a timestamped key-value store connected to this node) */
    ForeignKeyJoinResult(String storeName) {
        this.storeName = Objects.requireNonNull(storeName, "storeName");
    }

    /** @return the result store's name */
    String storeName() {
        return storeName;
    }

    @Override
    public KTableValueGetterSupplier<K, VR> view() {
        return new StoreValueGetterSupplier<>(storeName);
    }

    @Override
    public boolean enableSendingOldValues(boolean forceMaterialization) {
        sendOldValues = true;
        return true;
    }

    @Override
    public Processor<K, VR, K, Change<VR>> get() {
        boolean sendOld = sendOldValues;
        return new ContextualProcessor<>() {
            private TimestampedKeyValueStore<K, VR> store;
            private TimestampedForwarder<K, VR> forwarder;

            @Override
            public void init(ProcessorContext<K, Change<VR>> context) {
                super.init(context);
                store = context.getStateStore(storeName);
                forwarder = new TimestampedForwarder<>(store, context, sendOld);
            }

            @Override
            public void process(Record<K, VR> record) {
                VR newValue = record.value();
                ValueAndTimestamp<VR> old = store.get(record.key());
                if (newValue == null && old == null) {
                    return; // no result existed: no tombstone
                }
                store.put(record.key(), ValueAndTimestamp.make(newValue, record.timestamp()));
                forwarder.maybeForward(record.withValue(new Change<>(newValue,
                        sendOld ? ValueAndTimestamp.getValueOrNull(old) : null)));
            }
        };
    }
}
