package io.eddy.streams.kstream.internal;

import io.eddy.state.TimestampedKeyValueStore;
import io.eddy.state.ValueAndTimestamp;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.Processor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.Record;
import java.util.function.Supplier;

/**
 * Turns a changelog stream (a topic read by {@code table()}, or {@code KStream.toTable()}) into table updates: a null
 * value deletes the key, a null key is dropped. Materialized only when named or when a downstream operator needs old
 * values or a value getter; then each update goes through the store (and its cache).
 */
final class KTableSource<K, V> implements KTableProcessorSupplier<K, V, K, V> {
    private final Supplier<String> materializer;
    private String storeName;
    private boolean sendOldValues;

    /**
     * @param storeName the store, or null when not materialized (yet)
     * @param materializer adds a store on demand and returns its name
     */
    KTableSource(String storeName, Supplier<String> materializer) {
        this.storeName = storeName;
        this.materializer = materializer;
    }

    String storeName() {
        return storeName;
    }

    private void materialize() {
        if (storeName == null) {
            storeName = materializer.get();
        }
    }

    @Override
    public KTableValueGetterSupplier<K, V> view() {
        materialize();
        return new StoreValueGetterSupplier<>(storeName);
    }

    @Override
    public boolean enableSendingOldValues(boolean forceMaterialization) {
        if (storeName == null) {
            if (!forceMaterialization) {
                return false;
            }
            materialize();
        }
        sendOldValues = true;
        return true;
    }

    @Override
    public Processor<K, V, K, Change<V>> get() {
        String store = storeName;
        boolean sendOld = sendOldValues;
        return new ContextualProcessor<>() {
            private TimestampedKeyValueStore<K, V> kv;
            private TimestampedForwarder<K, V> forwarder;

            @Override
            public void init(ProcessorContext<K, Change<V>> context) {
                super.init(context);
                if (store != null) {
                    kv = context.getStateStore(store);
                    forwarder = new TimestampedForwarder<>(kv, context, sendOld);
                }
            }

            @Override
            public void process(Record<K, V> record) {
                if (record.key() == null) {
                    return;
                }
                if (kv == null) {
                    context().forward(record.withValue(new Change<>(record.value(), null)));
                    return;
                }
                V old = sendOld ? ValueAndTimestamp.getValueOrNull(kv.get(record.key())) : null;
                kv.put(record.key(), ValueAndTimestamp.make(record.value(), record.timestamp()));
                forwarder.maybeForward(record.key(), record.value(), old, record.timestamp(), record.headers());
            }
        };
    }
}
