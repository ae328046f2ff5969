package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Serde;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.StoreBuilder;
import io.eddy.state.Stores;
import io.eddy.state.TimeWindow;
import io.eddy.state.TimestampedWindowStore;
import io.eddy.state.ValueAndTimestamp;
import io.eddy.state.Windowed;
import io.eddy.streams.kstream.Aggregator;
import io.eddy.streams.kstream.EmitStrategy;
import io.eddy.streams.kstream.Initializer;
import io.eddy.streams.kstream.TimeWindows;
import io.eddy.streams.kstream.Windows;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.Processor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.Record;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
 * <p>With {@link EmitStrategy#onWindowClose()} no update is forwarded. Instead, before it handles a record, the
 * processor forwards every window that stream time has closed since it last did ({@code windowEnd <= streamTime -
 * grace}), once, as {@code Change(aggregate, null)} with the window's timestamp, ordered by window end then key bytes.
 * It finds them with a range fetch of window starts, done only when a window start of the {@code TimeWindows} grid
 * passes the close time. How far it has emitted is kept in the store {@link #emitTrackerStoreName()} (see
 * {@link EmittedWindowTracker}), which must be connected too; a record for a window at or before that point is late
 * even when stream time (which a restart resets) is behind it. The window store should then not be cached.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @param <VAgg> the aggregate type
 */
public final class KStreamWindowAggregate<K, V, VAgg>
        extends WindowedAggregateSupplier<K, V, VAgg> {
    private static final Logger LOG = LoggerFactory.getLogger(KStreamWindowAggregate.class);

    private final Windows<TimeWindow> windows;

    /**
     * @param windows the windows
     * @param storeName the timestamped window store
     * @param initializer the initial aggregate of a new window
     * @param aggregator adds a record to an aggregate
     */
    public KStreamWindowAggregate(Windows<TimeWindow> windows, String storeName, Initializer<VAgg> initializer,
                                  Aggregator<? super K, ? super V, VAgg> aggregator) {
        this(windows, storeName, EmitStrategy.onWindowUpdate(), initializer, aggregator);
    }

    /**
     * @param windows the windows
     * @param storeName the timestamped window store
     * @param emitStrategy when results are forwarded; {@code onWindowClose} needs the store
     *     {@link #emitTrackerStoreName()} as well
     * @param initializer the initial aggregate of a new window
     * @param aggregator adds a record to an aggregate
     */
    public KStreamWindowAggregate(Windows<TimeWindow> windows, String storeName, EmitStrategy emitStrategy,
                                  Initializer<VAgg> initializer, Aggregator<? super K, ? super V, VAgg> aggregator) {
        super("window aggregate", storeName, emitStrategy, initializer, aggregator);
        this.windows = Objects.requireNonNull(windows, "windows");
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

    /** @return the windows */
    public Windows<TimeWindow> windows() {
        return windows;
    }

    @Override
    public Processor<K, V, Windowed<K>, Change<VAgg>> get() {
        return new WindowAggregateProcessor();
    }

    private final class WindowAggregateProcessor extends ContextualProcessor<K, V, Windowed<K>, Change<VAgg>> {
        private TimestampedWindowStore<K, VAgg> store;
        private TimestampedForwarder<Windowed<K>, VAgg> forwarder;
        private EmittedWindowTracker tracker;

        @Override
        public void init(ProcessorContext<Windowed<K>, Change<VAgg>> context) {
            super.init(context);
            store = context.getStateStore(storeName);
            if (trackerStoreName == null) {
                forwarder = new TimestampedForwarder<>(store, context, sendOldValues, true);
            } else {
                tracker = new EmittedWindowTracker(trackerStoreName);
                tracker.init(context);
            }
        }

        @Override
        public void process(Record<K, V> record) {
            long streamTime = context().currentStreamTimeMs();
            long windowCloseTime = streamTime - windows.gracePeriodMs();
            if (tracker != null) {
                windowCloseTime = Math.max(windowCloseTime, tracker.closeTime());
                // before the update, which may advance the store's retention past the windows closing now
                emitClosedWindows(windowCloseTime);
            }
            if (record.key() == null || record.value() == null) {
                dropped.record(context(), LOG, record.key() == null ? "null key" : "null value", record.timestamp(), streamTime);
                return;
            }
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
                if (forwarder != null) {
                    forwarder.maybeForward(new Windowed<>(record.key(), e.getValue()), newAgg,
                            sendOldValues ? oldAgg : null, newTimestamp, record.headers());
                }
                added = true;
            }
            if (!added) {
                dropped.record(context(), LOG, "expired window", record.timestamp(), streamTime);
            }
        }

        /** Forwards the windows closed at {@code windowCloseTime} ({@code end <= windowCloseTime}) not yet emitted. */
        private void emitClosedWindows(long windowCloseTime) {
            long emitted = tracker.closeTime();
            if (emitted != EmittedWindowTracker.NONE && windowCloseTime <= emitted) {
                return;
            }
            long size = windows.size();
            // window starts closed now but not at the last emit: [from, to]; starts are never negative
            long from = emitted == EmittedWindowTracker.NONE || emitted < size ? 0 : emitted - size + 1;
            long to = windowCloseTime < size ? -1 : windowCloseTime - size;
            if (!anyWindowStartIn(from, to)) {
                tracker.advance(windowCloseTime, false);
                return;
            }
            List<KeyValue<Windowed<K>, ValueAndTimestamp<VAgg>>> closed = new ArrayList<>();
            try (KeyValueIterator<Windowed<K>, ValueAndTimestamp<VAgg>> it = store.fetchAll(from, to)) {
                while (it.hasNext()) {
                    closed.add(it.next());
                }
            }
            // the store orders by key bytes then start; a stable sort by start (= by end) gives end, then key order
            closed.sort(Comparator.comparingLong(kv -> kv.key.window().start()));
            for (KeyValue<Windowed<K>, ValueAndTimestamp<VAgg>> kv : closed) {
                context().forward(new Record<>(kv.key, new Change<>(kv.value.value(), null), kv.value.timestamp()));
            }
            tracker.advance(windowCloseTime, !closed.isEmpty());
        }

        /** @return whether a window may start in {@code [from, to]}: for TimeWindows, whether a grid point lies in it */
        private boolean anyWindowStartIn(long from, long to) {
            if (to < from) {
                return false;
            }
            if (windows instanceof TimeWindows tw) {
                return Math.floorDiv(to, tw.advanceMs) > Math.floorDiv(from - 1, tw.advanceMs);
            }
            return true;
        }
    }
}
