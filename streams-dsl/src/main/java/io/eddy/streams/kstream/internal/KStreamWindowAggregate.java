package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Serde;
import io.eddy.state.StoreBuilder;
import io.eddy.state.Stores;
import io.eddy.state.TimeWindow;
import io.eddy.state.TimestampedWindowStore;
import io.eddy.state.ValueAndTimestamp;
import io.eddy.state.Windowed;
import io.eddy.streams.kstream.Aggregator;
import io.eddy.streams.kstream.Initializer;
import io.eddy.streams.kstream.Windows;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.Processor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.ProcessorSupplier;
import io.eddy.streams.processor.api.Record;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates a stream into fixed time windows (tumbling or hopping {@code TimeWindows}), as Kafka Streams'
 * {@code KStreamWindowAggregate}; count and reduce run through it with {@link AggregationFunctions}.
 *
 * <p>Each record is added to every window containing its timestamp that is still open: a window is closed once
 * {@code windowEnd <= streamTime - grace}, where stream time is the task's (it includes the current record). A record
 * with no open window is late: dropped, logged at debug and counted in {@link #droppedRecords()}, as are records with a
 * null key or value.
 *
 * <p>Needs a {@link TimestampedWindowStore} named {@code storeName} connected to the processor, with window size
 * {@code windows.size()}, retention at least {@code size + grace} and no duplicates. Each update is forwarded as
 * {@code Record<Windowed<K>, Change<VAgg>>} with the window's timestamp (the largest record timestamp in it), the old
 * aggregate only after {@link #enableSendingOldValues()}; when the store is cached, its cache forwards instead.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @param <VAgg> the aggregate type
 */
public final class KStreamWindowAggregate<K, V, VAgg> implements ProcessorSupplier<K, V, Windowed<K>, Change<VAgg>> {
    private static final Logger LOG = LoggerFactory.getLogger(KStreamWindowAggregate.class);

    private final Windows<TimeWindow> windows;
    private final String storeName;
    private final Initializer<VAgg> initializer;
    private final Aggregator<? super K, ? super V, VAgg> aggregator;
    private final DroppedRecordsSensor dropped;
    private boolean sendOldValues;

    /**
     * @param windows the windows
     * @param storeName the timestamped window store
     * @param initializer the initial aggregate of a new window
     * @param aggregator adds a record to an aggregate
     */
    public KStreamWindowAggregate(Windows<TimeWindow> windows, String storeName, Initializer<VAgg> initializer,
                                  Aggregator<? super K, ? super V, VAgg> aggregator) {
        this.windows = Objects.requireNonNull(windows, "windows");
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.initializer = Objects.requireNonNull(initializer, "initializer");
        this.aggregator = Objects.requireNonNull(aggregator, "aggregator");
        this.dropped = new DroppedRecordsSensor("window aggregate of store " + storeName);
    }

    /**
     * @param name the store name
     * @param windows the windows
     * @param keySerde the key serde
     * @param aggSerde the aggregate serde
     * @param persistent RocksDB (true) or in-memory
     * @param <K> key type
     * @param <VAgg> aggregate type
     * @return a builder of the store this processor needs: window size {@code windows.size()}, retention
     *     {@code size + grace}, no duplicates (logging enabled, caching disabled)
     */
    public static <K, VAgg> StoreBuilder<TimestampedWindowStore<K, VAgg>> storeBuilder(String name,
            Windows<TimeWindow> windows, Serde<K> keySerde, Serde<VAgg> aggSerde, boolean persistent) {
        Duration retention = Duration.ofMillis(windows.size() + windows.gracePeriodMs());
        Duration size = Duration.ofMillis(windows.size());
        return Stores.timestampedWindowStoreBuilder(persistent
                ? Stores.persistentTimestampedWindowStore(name, retention, size, false)
                : Stores.inMemoryWindowStore(name, retention, size, false), keySerde, aggSerde);
    }

    /** Makes forwarded changes carry the old aggregate. */
    public void enableSendingOldValues() {
        sendOldValues = true;
    }

    /** @return the store name */
    public String storeName() {
        return storeName;
    }

    /** @return the windows */
    public Windows<TimeWindow> windows() {
        return windows;
    }

    /** @return records dropped so far (null key or value, or late), over all tasks */
    public long droppedRecords() {
        return dropped.count();
    }

    @Override
    public Processor<K, V, Windowed<K>, Change<VAgg>> get() {
        return new WindowAggregateProcessor();
    }

    private final class WindowAggregateProcessor extends ContextualProcessor<K, V, Windowed<K>, Change<VAgg>> {
        private TimestampedWindowStore<K, VAgg> store;
        private TimestampedForwarder<Windowed<K>, VAgg> forwarder;

        @Override
        public void init(ProcessorContext<Windowed<K>, Change<VAgg>> context) {
            super.init(context);
            store = context.getStateStore(storeName);
            forwarder = new TimestampedForwarder<>(store, context, sendOldValues, true);
        }

        @Override
        public void process(Record<K, V> record) {
            long streamTime = context().currentStreamTimeMs();
            if (record.key() == null || record.value() == null) {
                dropped.record(context(), LOG, record.key() == null ? "null key" : "null value", record.timestamp(), streamTime);
                return;
            }
            long windowCloseTime = streamTime - windows.gracePeriodMs();
            boolean added = false;
            for (Map.Entry<Long, TimeWindow> e : windows.windowsFor(record.timestamp()).entrySet()) {
                long windowStart = e.getKey();
                if (e.getValue().end() <= windowCloseTime) {
                    continue;
                }
                ValueAndTimestamp<VAgg> old = store.fetch(record.key(), windowStart);
                VAgg oldAgg = ValueAndTimestamp.getValueOrNull(old);
                long newTimestamp = old == null ? record.timestamp() : Math.max(record.timestamp(), old.timestamp());
                VAgg newAgg = aggregator.apply(record.key(), record.value(), old == null ? initializer.apply() : oldAgg);
                store.put(record.key(), ValueAndTimestamp.make(newAgg, newTimestamp), windowStart);
                forwarder.maybeForward(new Record<>(new Windowed<>(record.key(), e.getValue()),
                        new Change<>(newAgg, sendOldValues ? oldAgg : null), newTimestamp, record.headers()));
                added = true;
            }
            if (!added) {
                dropped.record(context(), LOG, "expired window", record.timestamp(), streamTime);
            }
        }
    }
}
