package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serde;
import io.eddy.serialization.Serdes;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.KeyValueStore;
import io.eddy.state.StoreBuilder;
import io.eddy.state.Stores;
import io.eddy.state.Windowed;
import io.eddy.streams.errors.StreamsException;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.Processor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.ProcessorSupplier;
import io.eddy.streams.processor.api.Record;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The processor of {@code KTable.suppress}, as Kafka Streams' {@code KTableSuppressProcessorSupplier}: it holds back
 * the {@link Change}s of a table in a buffer, one entry per key, and forwards an entry once stream time (the task's)
 * reaches its buffer time plus {@code suppressDurationMs}:
 * <ul>
 *   <li>{@code untilWindowCloses}: the buffer time is the window end of the {@link Windowed} key and the duration the
 *   upstream grace (plus the gap for sessions), so each window's final result is forwarded once, when
 *   {@code streamTime >= windowEnd + grace}, with its own timestamp; tombstones are dropped;</li>
 *   <li>{@code untilTimeLimit}: the buffer time is the timestamp of the first update buffered for the key and the
 *   duration the time limit; the latest value is forwarded with the old value downstream last saw.</li>
 * </ul>
 * Entries leave in buffer-time order. When the buffer exceeds its record or byte limit it emits its oldest entries
 * early ({@code emitEarlyWhenFull}) or throws {@link StreamsException} ({@code shutDownWhenFull}).
 *
 * <p>The buffer lives in the key-value store {@code storeName} built by {@link #storeBuilder} (serialized key to
 * {@link SuppressionBufferValue}), whose changelog lets it survive restarts; the processor keeps a time-ordered index
 * of it in memory, rebuilt from the store at init. Forwards {@code Record<K, Change<V>>}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class KTableSuppressProcessorSupplier<K, V> implements ProcessorSupplier<K, Change<V>, K, Change<V>> {

    private final SuppressedInternal<K> suppressed;
    private final long suppressDurationMs;
    private final String storeName;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;

    /**
     * @param suppressed the suppression
     * @param suppressDurationMs for {@code untilWindowCloses} the upstream windows' grace period (plus the inactivity
     *     gap for session windows); for {@code untilTimeLimit} the time limit
     * @param storeName the buffer store, built by {@link #storeBuilder}
     * @param keySerde the key serde (of {@code Windowed} keys for window results), or null for the default
     * @param valueSerde the value serde, or null for the default
     */
    public KTableSuppressProcessorSupplier(SuppressedInternal<K> suppressed, long suppressDurationMs, String storeName,
                                           Serde<K> keySerde, Serde<V> valueSerde) {
        if (suppressDurationMs < 0) {
            throw new IllegalArgumentException("suppress duration must not be negative, suppressDurationMs="
                    + suppressDurationMs + ", store=" + storeName);
        }
        this.suppressed = Objects.requireNonNull(suppressed, "suppressed");
        this.suppressDurationMs = suppressDurationMs;
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    /**
     * @param storeName the buffer store's name
     * @param suppressed the suppression, whose buffer config decides the changelog
     * @return a builder of the in-memory buffer store (caching disabled; logging as configured)
     */
    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> storeBuilder(String storeName,
                                                                          SuppressedInternal<?> suppressed) {
        StoreBuilder<KeyValueStore<Bytes, byte[]>> b = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(storeName), Serdes.Bytes(), Serdes.ByteArray()).withCachingDisabled();
        BufferConfigInternal<?> config = suppressed.bufferConfig();
        return config.loggingEnabled() ? b.withLoggingEnabled(config.logConfig()) : b.withLoggingDisabled();
    }

    /** @return the buffer store's name */
    public String storeName() {
        return storeName;
    }

    @Override
    public Processor<K, Change<V>, K, Change<V>> get() {
        return new SuppressProcessor();
    }

    /** Orders the buffer by buffer time, then key bytes. */
    private record BufferKey(long time, Bytes key) implements Comparable<BufferKey> {
        @Override
        public int compareTo(BufferKey o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : key.compareTo(o.key);
        }
    }

    private final class SuppressProcessor extends ContextualProcessor<K, Change<V>, K, Change<V>> {
        private final BufferConfigInternal<?> config = suppressed.bufferConfig();
        private final TreeMap<BufferKey, SuppressionBufferValue> sorted = new TreeMap<>();
        private final Map<Bytes, BufferKey> index = new HashMap<>();
        private KeyValueStore<Bytes, byte[]> store;
        private Serde<K> keys;
        private Serde<V> values;
        private long bufferedBytes;

        @Override
        @SuppressWarnings("unchecked")
        public void init(ProcessorContext<K, Change<V>> context) {
            super.init(context);
            store = context.getStateStore(storeName);
            keys = keySerde != null ? keySerde : (Serde<K>) context.keySerde();
            values = valueSerde != null ? valueSerde : (Serde<V>) context.valueSerde();
            try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
                while (it.hasNext()) {
                    KeyValue<Bytes, byte[]> kv = it.next();
                    SuppressionBufferValue v = SuppressionBufferValue.deserialize(kv.value, storeName);
                    index(kv.key, v);
                }
            }
        }

        @Override
        public void process(Record<K, Change<V>> record) {
            Change<V> change = record.value();
            if (change == null) {
                throw new StreamsException("suppress processor of store " + storeName
                        + " received a record without a Change value, key=" + record.key());
            }
            buffer(record, change);
            enforceConstraints();
        }

        private void buffer(Record<K, Change<V>> record, Change<V> change) {
            long bufferTime;
            if (suppressed.isFinalResults()) {
                if (!(record.key() instanceof Windowed<?> w)) {
                    throw new StreamsException("suppress untilWindowCloses of store " + storeName
                            + " needs windowed keys, got key " + record.key());
                }
                bufferTime = w.window().end();
            } else {
                bufferTime = record.timestamp();
            }
            Bytes key = Bytes.wrap(keys.serializer().serialize(storeName, record.key()));
            byte[] oldBytes = values.serializer().serialize(storeName, change.oldValue());
            byte[] newBytes = values.serializer().serialize(storeName, change.newValue());
            BufferKey existing = index.get(key);
            SuppressionBufferValue value;
            if (existing == null) {
                value = new SuppressionBufferValue(bufferTime, record.timestamp(), oldBytes, oldBytes, newBytes);
            } else {
                SuppressionBufferValue prev = sorted.get(existing);
                value = new SuppressionBufferValue(prev.bufferTime(), record.timestamp(), prev.prior(), oldBytes,
                        newBytes);
                remove(key);
            }
            index(key, value);
            store.put(key, value.serialize());
        }

        private void index(Bytes key, SuppressionBufferValue value) {
            BufferKey bk = new BufferKey(value.bufferTime(), key);
            index.put(key, bk);
            sorted.put(bk, value);
            bufferedBytes += key.get().length + value.sizeInBytes();
        }

        private void remove(Bytes key) {
            BufferKey bk = index.remove(key);
            SuppressionBufferValue v = sorted.remove(bk);
            bufferedBytes -= key.get().length + v.sizeInBytes();
        }

        private void enforceConstraints() {
            long expiryTime = context().currentStreamTimeMs() - suppressDurationMs;
            while (!sorted.isEmpty() && sorted.firstKey().time() <= expiryTime) {
                emitFirst();
            }
            if (overCapacity()) {
                if (config.bufferFullStrategy() == BufferConfigInternal.BufferFullStrategy.SHUT_DOWN) {
                    throw new StreamsException("suppression buffer of store " + storeName
                            + " exceeded its max capacity: records=" + sorted.size() + "/" + config.maxRecords()
                            + ", bytes=" + bufferedBytes + "/" + config.maxBytes()
                            + "; use emitEarlyWhenFull() or larger limits");
                }
                while (overCapacity()) {
                    emitFirst();
                }
            }
        }

        private boolean overCapacity() {
            return sorted.size() > config.maxRecords() || bufferedBytes > config.maxBytes();
        }

        private void emitFirst() {
            Map.Entry<BufferKey, SuppressionBufferValue> first = sorted.firstEntry();
            Bytes key = first.getKey().key();
            SuppressionBufferValue v = first.getValue();
            remove(key);
            store.delete(key);
            V newValue = values.deserializer().deserialize(storeName, v.newValue());
            if (newValue == null && suppressed.isFinalResults()) {
                return;
            }
            V prior = values.deserializer().deserialize(storeName, v.prior());
            K k = keys.deserializer().deserialize(storeName, key.get());
            context().forward(new Record<>(k, new Change<>(newValue, prior), v.recordTimestamp()));
        }
    }
}
