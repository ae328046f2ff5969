package io.eddy.streams.kstream.internal;

import io.eddy.state.TimestampedKeyValueStore;
import io.eddy.state.ValueAndTimestamp;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.Processor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.Record;

/**
 * The result node of a table-table join (primary-key or foreign-key), fed by the join's two side processors, as Kafka
 * Streams' {@code KTableKTableJoinMerger}: passes their changes on, or, when the result is materialized, writes them
 * to its store first (forwarding through the store's cache, with old values read from the store).
 *
 * @param <K> key type
 * @param <V> result type
 */
final class KTableJoinMerger<K, V> implements KTableProcessorSupplier<K, Change<V>, K, V> {
    private final String storeName;
    private final KTableValueGetterSupplier<K, V> computedView;
    private final Runnable enableJoinOldValues;
    private boolean sendOldValues;

    /**
     * @param storeName the result's store, or null when not materialized
     * @param computedView computes results from the two tables (used when not materialized)
     * @param enableJoinOldValues makes the join's side processors send old results
     */
    KTableJoinMerger(String storeName, KTableValueGetterSupplier<K, V> computedView, Runnable enableJoinOldValues) {
        this.storeName = storeName;
        this.computedView = computedView;
        this.enableJoinOldValues = enableJoinOldValues;
    }

    @Override
    public KTableValueGetterSupplier<K, V> view() {
        return storeName != null ? new StoreValueGetterSupplier<>(storeName) : computedView;
    }

    @Override
    public boolean enableSendingOldValues(boolean forceMaterialization) {
        enableJoinOldValues.run();
        sendOldValues = true;
        return true;
    }

    @Override
    public Processor<K, Change<V>, K, Change<V>> get() {
        boolean sendOld = sendOldValues;
        return new ContextualProcessor<>() {
            private TimestampedKeyValueStore<K, V> store;
            private TimestampedForwarder<K, V> forwarder;

            @Override
            public void init(ProcessorContext<K, Change<V>> context) {
                super.init(context);
                if (storeName != null) {
                    store = context.getStateStore(storeName);
                    forwarder = new TimestampedForwarder<>(store, context, sendOld);
                }
            }

            @Override
            public void process(Record<K, Change<V>> record) {
                if (store == null) {
                    context().forward(record);
                    return;
                }
                V newValue = record.value().newValue();
                V old = sendOld ? ValueAndTimestamp.getValueOrNull(store.get(record.key())) : null;
                store.put(record.key(), ValueAndTimestamp.make(newValue, record.timestamp()));
                forwarder.maybeForward(record.key(), newValue, old, record.timestamp(), record.headers());
            }
        };
    }
}
