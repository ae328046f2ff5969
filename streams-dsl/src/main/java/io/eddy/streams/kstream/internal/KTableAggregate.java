package io.eddy.streams.kstream.internal;

import io.eddy.state.TimestampedKeyValueStore;
import io.eddy.state.ValueAndTimestamp;
import io.eddy.streams.kstream.Aggregator;
import io.eddy.streams.kstream.Initializer;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.Processor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.Record;

/**
 * A grouped table's {@code count}, {@code reduce} and {@code aggregate}: each {@link Change} first retracts its old
 * value through the subtractor, then adds its new value through the adder. The aggregate carries the largest
 * timestamp seen for it.
 */
final class KTableAggregate<K, V, VA> implements KTableProcessorSupplier<K, Change<V>, K, VA> {
    private final String storeName;
    private final Initializer<VA> initializer;
    private final Aggregator<? super K, ? super V, VA> adder;
    private final Aggregator<? super K, ? super V, VA> subtractor;
    private boolean sendOldValues;

    /**
     * @param storeName the store
     * @param initializer the initial aggregate (may return null: reduce starts from the first value)
     * @param adder adds a new value
     * @param subtractor retracts an old value
     */
    KTableAggregate(String storeName, Initializer<VA> initializer, Aggregator<? super K, ? super V, VA> adder,
                    Aggregator<? super K, ? super V, VA> subtractor) {
        this.storeName = storeName;
        this.initializer = initializer;
        this.adder = adder;
        this.subtractor = subtractor;
    }

    @Override
    public KTableValueGetterSupplier<K, VA> view() {
        return new StoreValueGetterSupplier<>(storeName);
    }

    @Override
    public boolean enableSendingOldValues(boolean forceMaterialization) {
        sendOldValues = true;
        return true;
    }

    @Override
    public Processor<K, Change<V>, K, Change<VA>> get() {
        boolean sendOld = sendOldValues;
        return new ContextualProcessor<>() {
            private TimestampedKeyValueStore<K, VA> store;
            private TimestampedForwarder<K, VA> forwarder;

            @Override
            public void init(ProcessorContext<K, Change<VA>> context) {
                super.init(context);
                store = context.getStateStore(storeName);
                forwarder = new TimestampedForwarder<>(store, context, sendOld);
            }

            @Override
            public void process(Record<K, Change<V>> record) {
                K key = record.key();
                if (key == null) {
                    return;
                }
                Change<V> change = record.value();
                ValueAndTimestamp<VA> old = store.get(key);
                VA oldAgg = ValueAndTimestamp.getValueOrNull(old);
                long ts = old == null ? record.timestamp() : Math.max(record.timestamp(), old.timestamp());
                VA agg = oldAgg;
                if (change.oldValue() != null && oldAgg != null) {
                    agg = subtractor.apply(key, change.oldValue(), oldAgg);
                }
                if (change.newValue() != null) {
                    agg = adder.apply(key, change.newValue(), agg == null ? initializer.apply() : agg);
                }
                store.put(key, ValueAndTimestamp.make(agg, ts));
                forwarder.maybeForward(new Record<>(key, new Change<>(agg, sendOld ? oldAgg : null), ts,
                        record.headers()));
            }
        };
    }
}
