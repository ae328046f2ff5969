package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serde;
import io.eddy.state.KeyValueStore;
import io.eddy.state.ValueAndTimestamp;
import io.eddy.streams.processor.api.Processor;
import io.eddy.streams.processor.api.ProcessorContext;
import java.util.Arrays;

/**
 * The table side of {@code KTable.suppress}: runs a {@link KTableSuppressProcessorSupplier} and, as Kafka Streams,
 * lets other processors read the suppressed table as downstream saw it: a key with a buffered update reads its prior
 * value (the value before the first buffered update), any other key its parent's current value. The parent is asked
 * for old values, which the buffer needs for the prior values.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class KTableSuppress<K, V> implements KTableProcessorSupplier<K, Change<V>, K, V> {
    private final KTableSuppressProcessorSupplier<K, V> processor;
    private final KTableProcessorSupplier<?, ?, K, V> parent;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;

    /**
     * @param processor the suppression
     * @param parent the suppressed table's processor
     * @param keySerde the key serde, or null for the default
     * @param valueSerde the value serde, or null for the default
     */
    KTableSuppress(KTableSuppressProcessorSupplier<K, V> processor, KTableProcessorSupplier<?, ?, K, V> parent,
                   Serde<K> keySerde, Serde<V> valueSerde) {
        this.processor = processor;
        this.parent = parent;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        parent.enableSendingOldValues(true);
    }

    @Override
    public Processor<K, Change<V>, K, Change<V>> get() {
        return processor.get();
    }

    @Override
    public boolean enableSendingOldValues(boolean forceMaterialization) {
        return parent.enableSendingOldValues(forceMaterialization);
    }

    @Override
    public KTableValueGetterSupplier<K, V> view() {
        KTableValueGetterSupplier<K, V> parentView = parent.view();
        String buffer = processor.storeName();
        String[] stores = Arrays.copyOf(parentView.storeNames(), parentView.storeNames().length + 1);
        stores[stores.length - 1] = buffer;
        return new KTableValueGetterSupplier<>() {
            @Override
            public KTableValueGetter<K, V> get() {
                KTableValueGetter<K, V> parentGetter = parentView.get();
                return new KTableValueGetter<>() {
                    private KeyValueStore<Bytes, byte[]> store;
                    private Serde<K> keys;
                    private Serde<V> values;

                    @Override
                    @SuppressWarnings("unchecked")
                    public void init(ProcessorContext<?, ?> context) {
                        parentGetter.init(context);
                        store = context.getStateStore(buffer);
                        keys = keySerde != null ? keySerde : (Serde<K>) context.keySerde();
                        values = valueSerde != null ? valueSerde : (Serde<V>) context.valueSerde();
                    }

                    @Override
                    public ValueAndTimestamp<V> get(K key) {
                        byte[] entry = store.get(Bytes.wrap(keys.serializer().serialize(buffer, key)));
                        if (entry == null) {
                            return parentGetter.get(key);
                        }
                        SuppressionBufferValue v = SuppressionBufferValue.deserialize(entry, buffer);
                        return ValueAndTimestamp.make(values.deserializer().deserialize(buffer, v.prior()),
                                v.recordTimestamp());
                    }

                    @Override
                    public void close() {
                        parentGetter.close();
                    }
                };
            }

            @Override
            public String[] storeNames() {
                return stores;
            }
        };
    }
}
