package io.eddy.streams.kstream.internal;

import io.eddy.state.TimestampedKeyValueStore;
import io.eddy.state.ValueAndTimestamp;
import io.eddy.streams.kstream.ValueMapperWithKey;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.Processor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.Record;

/**
 * KTable {@code filter}, {@code filterNot} and {@code mapValues}: a per-value function where null means "no row"
 * (a value failing a filter maps to null). A null input maps to null. Kafka Streams' rules apply: without old values
 * every null result is forwarded as a tombstone (the key may have had a row); with old values, an update whose old
 * and new results are both null is not forwarded. Materialized when the user passed a Materialized.
 */
final class KTableTransform<K, V, VR> implements KTableProcessorSupplier<K, Change<V>, K, VR> {
    private final KTableProcessorSupplier<?, ?, K, V> parent;
    private final ValueMapperWithKey<? super K, ? super V, ? extends VR> function;
    private final String storeName;
    private final boolean dropsBothNull;
    private boolean sendOldValues;

    /**
     * @param parent the upstream table's supplier
     * @param function maps a non-null value to the result, or null for "no row"
     * @param storeName the store, or null
     * @param isFilter whether this is a filter (which skips updates with no result before or after)
     */
    KTableTransform(KTableProcessorSupplier<?, ?, K, V> parent,
                    ValueMapperWithKey<? super K, ? super V, ? extends VR> function, String storeName,
                    boolean isFilter) {
        this.parent = parent;
        this.function = function;
        this.storeName = storeName;
        this.dropsBothNull = isFilter;
    }

    private VR compute(K key, V value) {
        return value == null ? null : function.apply(key, value);
    }

    @Override
    public boolean enableSendingOldValues(boolean forceMaterialization) {
        if (storeName != null || parent.enableSendingOldValues(forceMaterialization)) {
            // with a store of its own, old values come from that store
            sendOldValues = true;
            return true;
        }
        return false;
    }

    @Override
    public KTableValueGetterSupplier<K, VR> view() {
        if (storeName != null) {
            return new StoreValueGetterSupplier<>(storeName);
        }
        KTableValueGetterSupplier<K, V> parentView = parent.view();
        return new KTableValueGetterSupplier<>() {
            @Override
            public KTableValueGetter<K, VR> get() {
                KTableValueGetter<K, V> getter = parentView.get();
                return new KTableValueGetter<>() {
                    @Override
                    public void init(ProcessorContext<?, ?> context) {
                        getter.init(context);
                    }

                    @Override
                    public ValueAndTimestamp<VR> get(K key) {
                        ValueAndTimestamp<V> v = getter.get(key);
                        return v == null ? null : ValueAndTimestamp.make(compute(key, v.value()), v.timestamp());
                    }

                    @Override
                    public void close() {
                        getter.close();
                    }
                };
            }

            @Override
            public String[] storeNames() {
                return parentView.storeNames();
            }
        };
    }

    @Override
    public Processor<K, Change<V>, K, Change<VR>> get() {
        boolean sendOld = sendOldValues;
        return new ContextualProcessor<>() {
            private TimestampedKeyValueStore<K, VR> store;
            private TimestampedForwarder<K, VR> forwarder;

            @Override
            public void init(ProcessorContext<K, Change<VR>> context) {
                super.init(context);
                if (storeName != null) {
                    store = context.getStateStore(storeName);
                    forwarder = new TimestampedForwarder<>(store, context, sendOld);
                }
            }

            @Override
            public void process(Record<K, Change<V>> record) {
                K key = record.key();
                VR newValue = compute(key, record.value().newValue());
                VR oldValue = null;
                if (sendOld) {
                    oldValue = store != null ? ValueAndTimestamp.getValueOrNull(store.get(key))
                            : compute(key, record.value().oldValue());
                }
                if (dropsBothNull && sendOld && newValue == null && oldValue == null) {
                    return;
                }
                Record<K, Change<VR>> out = record.withValue(new Change<>(newValue, oldValue));
                if (store != null) {
                    store.put(key, ValueAndTimestamp.make(newValue, record.timestamp()));
                    forwarder.maybeForward(out);
                } else {
                    context().forward(out);
                }
            }
        };
    }
}
