package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Serde;
import io.eddy.state.KeyValueBytesStoreSupplier;
import io.eddy.state.StoreBuilder;
import io.eddy.state.Stores;
import io.eddy.state.TimestampedKeyValueStore;
import io.eddy.state.ValueAndTimestamp;
import io.eddy.streams.errors.TopologyException;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.Processor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.ProcessorSupplier;
import io.eddy.streams.processor.api.Record;

/** Adds a {@code globalTable}: a timestamped global store (no changelog: its topic is one) and its updater. */
public final class GlobalTableSupport {
    private GlobalTableSupport() {
    }

    /**
     * @param builder the builder
     * @param topic the table's topic
     * @param consumed how to read it
     * @param m how to store it
     * @param <K> key type
     * @param <V> value type
     * @return the global table
     */
    public static <K, V> GlobalKTableImpl<K, V> add(InternalStreamsBuilder builder, String topic,
                                                    ConsumedInternal<K, V> consumed, MaterializedInternal<K, V, ?> m) {
        String processor = builder.uniqueName(topic + ".globalTable");
        String source = consumed.name() != null ? builder.nodeName(consumed.name(), topic, "source")
                : builder.uniqueName(topic + ".globalTable-source");
        String storeName = m.storeName();
        if (storeName == null) {
            storeName = builder.resourceName(topic + ".globalTable") + "-store";
            builder.unnamed("globalTable '" + topic + "'", "state store '" + storeName + "'", "Materialized.as(...)");
        }
        Serde<K> k = builder.serdes().resolve(consumed.keySerde() != null ? consumed.keySerde() : m.keySerde(), true,
                processor);
        Serde<V> v = builder.serdes().resolve(consumed.valueSerde() != null ? consumed.valueSerde() : m.valueSerde(),
                false, processor);
        KeyValueBytesStoreSupplier supplier;
        if (m.storeSupplier() == null) {
            supplier = Stores.persistentTimestampedKeyValueStore(storeName);
        } else if (m.storeSupplier() instanceof KeyValueBytesStoreSupplier kv) {
            supplier = kv;
        } else {
            throw new TopologyException("globalTable '" + topic + "' needs a key-value store supplier, got "
                    + m.storeSupplier().getClass().getName());
        }
        StoreBuilder<TimestampedKeyValueStore<K, V>> store = Stores.timestampedKeyValueStoreBuilder(supplier, k, v)
                .withLoggingDisabled().withCachingDisabled();
        String name = store.name();
        ProcessorSupplier<K, V, Void, Void> updater = () -> new Updater<>(name);
        builder.internal().addGlobalStore(store, source, k.deserializer(), v.deserializer(), topic, processor, updater);
        return new GlobalKTableImpl<>(name);
    }

    private static final class Updater<K, V> extends ContextualProcessor<K, V, Void, Void> {
        private final String storeName;
        private TimestampedKeyValueStore<K, V> store;

        Updater(String storeName) {
            this.storeName = storeName;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            super.init(context);
            store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<K, V> record) {
            if (record.key() != null) {
                store.put(record.key(), ValueAndTimestamp.make(record.value(), record.timestamp()));
            }
        }
    }
}
