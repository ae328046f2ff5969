package io.eddy.streams.kstream.internal;

import io.eddy.state.TimestampedKeyValueStore;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.Processor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.Record;
import java.util.Objects;

/**
 * A table operator that keeps its table in its own timestamped store (aggregations, a foreign-key join's result):
 * readers get the store's view, old values are always available, and each record is handled with the store and a
 * {@link TimestampedForwarder} (which forwards through the store's cache when it has one).
 *
 * @param <KIn> input key
 * @param <VIn> input value
 * @param <K> table key
 * @param <V> table value
 */
abstract class StoredTableProcessorSupplier<KIn, VIn, K, V> implements KTableProcessorSupplier<KIn, VIn, K, V> {
    private final String storeName;
    private boolean sendOldValues;

    /** @param storeName the table's store, connected to this node */
    StoredTableProcessorSupplier(String storeName) {
        this.storeName = Objects.requireNonNull(storeName, "storeName");
    }

    /** @return the table's store name */
    final String storeName() {
        return storeName;
    }

    @Override
    public final KTableValueGetterSupplier<K, V> view() {
        return new StoreValueGetterSupplier<>(storeName);
    }

    @Override
    public final boolean enableSendingOldValues(boolean forceMaterialization) {
        sendOldValues = true;
        return true;
    }

    /**
     * Handles one record.
     *
     * @param record the record
     * @param store the table's store
     * @param forwarder forwards the table's changes
     * @param sendOldValues whether changes must carry the old value
     */
    abstract void process(Record<KIn, VIn> record, TimestampedKeyValueStore<K, V> store,
                          TimestampedForwarder<K, V> forwarder, boolean sendOldValues);

    @Override
    public final Processor<KIn, VIn, K, Change<V>> get() {
        boolean sendOld = sendOldValues;
        return new ContextualProcessor<>() {
            private TimestampedKeyValueStore<K, V> store;
            private TimestampedForwarder<K, V> forwarder;

            @Override
            public void init(ProcessorContext<K, Change<V>> context) {
                super.init(context);
                store = context.getStateStore(storeName);
                forwarder = new TimestampedForwarder<>(store, context, sendOld);
            }

            @Override
            public void process(Record<KIn, VIn> record) {
                StoredTableProcessorSupplier.this.process(record, store, forwarder, sendOld);
            }
        };
    }
}
