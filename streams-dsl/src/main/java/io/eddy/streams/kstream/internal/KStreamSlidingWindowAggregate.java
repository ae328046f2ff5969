package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Serde;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.StoreBuilder;
import io.eddy.state.Stores;
import io.eddy.state.TimeWindow;
import io.eddy.state.TimestampedWindowStore;
import io.eddy.state.ValueAndTimestamp;
import io.eddy.state.Window;
import io.eddy.state.Windowed;
import io.eddy.streams.errors.StreamsException;
import io.eddy.streams.kstream.Aggregator;
import io.eddy.streams.kstream.EmitStrategy;
import io.eddy.streams.kstream.Initializer;
import io.eddy.streams.kstream.SlidingWindows;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.Processor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.Record;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates a stream into {@link SlidingWindows}, with Kafka Streams' {@code KStreamSlidingWindowAggregate}
 * algorithm. Windows are defined by record timestamps and closed at both ends; with time difference {@code d} a record
 * at {@code t} gets its left window {@code [t - d, t]} and, when a later record lies within {@code d} of it, its right
 * window {@code [t + 1, t + 1 + d]}; the windows of earlier records that now contain {@code t} are updated. So every
 * distinct non-empty set of records that fits in a window of size {@code d} is aggregated once, and no empty window is
 * ever created. Records before {@code d} all fall into the window {@code [0, d]}.
 *
 * <p>Store keys use window starts; a window {@code [s, s + d]} is forwarded as {@code Windowed} with a
 * {@link TimeWindow}{@code (s, s + d)} whose {@code end()} is the inclusive end. A window is closed once
 * {@code s + d < streamTime - grace} (so with no grace a record at stream time still updates its own left window); a
 * record with {@code t + 1 + d <= streamTime - grace} is late (Kafka Streams' rules): dropped, logged at debug and
 * counted, as are records with a null key or value.
 *
 * <p>Needs a {@link TimestampedWindowStore} named {@code storeName} with window size {@code d}, no duplicates and
 * retention at least {@link #minRetentionMs(SlidingWindows)}. Forwards {@code Record<Windowed<K>, Change<VAgg>>}
 * with the window's largest record timestamp, as {@link KStreamWindowAggregate}.
 *
 * <p>With {@link EmitStrategy#onWindowClose()} no update is forwarded. Instead, before it handles a record, the
 * processor forwards every window that stream time has closed since it last did ({@code s + d < streamTime - grace}),
 * once, as {@code Change(aggregate, null)} with the window's timestamp, ordered by window end then key bytes. It finds
 * them in a {@link PendingWindows} index of the windows written since the last emit (rebuilt from the store at
 * init). How far it has emitted is kept in the store {@link #emitTrackerStoreName()} (see
 * {@link EmittedWindowTracker}), which must be connected too; a window closed at that point is never updated again,
 * even when stream time (which a restart resets) is behind it. The window store should then not be cached.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @param <VAgg> the aggregate type
 */
public final class KStreamSlidingWindowAggregate<K, V, VAgg>
        extends WindowedAggregateSupplier<K, V, VAgg> {
    private static final Logger LOG = LoggerFactory.getLogger(KStreamSlidingWindowAggregate.class);

    private final SlidingWindows windows;
    private final Serde<K> keySerde;

    /**
     * @param windows the windows
     * @param storeName the timestamped window store
     * @param initializer the initial aggregate of a new window
     * @param aggregator adds a record to an aggregate
     */
    public KStreamSlidingWindowAggregate(SlidingWindows windows, String storeName, Initializer<VAgg> initializer,
                                         Aggregator<? super K, ? super V, VAgg> aggregator) {
        this(windows, storeName, EmitStrategy.onWindowUpdate(), null, initializer, aggregator);
    }

    /**
     * @param windows the windows
     * @param storeName the timestamped window store
     * @param emitStrategy when results are forwarded; {@code onWindowClose} needs the store
     *     {@link #emitTrackerStoreName()} as well
     * @param keySerde the key serde (orders windows closing together); needed for {@code onWindowClose} only
     * @param initializer the initial aggregate of a new window
     * @param aggregator adds a record to an aggregate
     */
    public KStreamSlidingWindowAggregate(SlidingWindows windows, String storeName, EmitStrategy emitStrategy,
                                         Serde<K> keySerde, Initializer<VAgg> initializer,
                                         Aggregator<? super K, ? super V, VAgg> aggregator) {
        super("sliding window aggregate", storeName, emitStrategy, initializer, aggregator);
        this.windows = Objects.requireNonNull(windows, "windows");
        this.keySerde = trackerStoreName != null ? Objects.requireNonNull(keySerde, "keySerde") : keySerde;
    }

    /**
     * The smallest store retention that keeps every window the algorithm reads: a record that still has an open
     * window reads windows starting down to {@code streamTime - grace - 2 * d - 1}, while the store's own stream time
     * (its largest window start) may be {@code streamTime + 1}, so the retention is {@code 2 * d + grace + 2} (Kafka
     * Streams uses {@code 2 * d + grace} with a differently anchored retention).
     *
     * @param windows the windows
     * @return the retention in ms
     */
    public static long minRetentionMs(SlidingWindows windows) {
        return 2 * windows.timeDifferenceMs() + windows.gracePeriodMs() + 2;
    }

    /**
     * @param name the store name
     * @param windows the windows
     * @param keySerde the key serde
     * @param aggSerde the aggregate serde
     * @param persistent RocksDB (true) or in-memory
     * @param <K> key type
     * @param <VAgg> aggregate type
     * @return a builder of the store this processor needs: window size {@code d}, retention
     *     {@link #minRetentionMs}, no duplicates (logging enabled, caching disabled)
     */
    public static <K, VAgg> StoreBuilder<TimestampedWindowStore<K, VAgg>> storeBuilder(String name,
            SlidingWindows windows, Serde<K> keySerde, Serde<VAgg> aggSerde, boolean persistent) {
        Duration retention = Duration.ofMillis(minRetentionMs(windows));
        Duration size = Duration.ofMillis(windows.timeDifferenceMs());
        return Stores.timestampedWindowStoreBuilder(persistent
                ? Stores.persistentTimestampedWindowStore(name, retention, size, false)
                : Stores.inMemoryWindowStore(name, retention, size, false), keySerde, aggSerde);
    }

    @Override
    public Processor<K, V, Windowed<K>, Change<VAgg>> get() {
        return new SlidingWindowAggregateProcessor();
    }

    private final class SlidingWindowAggregateProcessor
            extends ContextualProcessor<K, V, Windowed<K>, Change<VAgg>> {
        private final long d = windows.timeDifferenceMs();
        private TimestampedWindowStore<K, VAgg> store;
        private TimestampedForwarder<Windowed<K>, VAgg> forwarder;
        private EmittedWindowTracker tracker;
        private PendingWindows<K> pending;
        private byte[] currentKeyBytes;

        @Override
        public void init(ProcessorContext<Windowed<K>, Change<VAgg>> context) {
            super.init(context);
            store = context.getStateStore(storeName);
            if (trackerStoreName == null) {
                forwarder = new TimestampedForwarder<>(store, context, sendOldValues, true);
                return;
            }
            tracker = new EmittedWindowTracker(trackerStoreName);
            tracker.init(context);
            pending = new PendingWindows<>();
            long emitted = tracker.closeTime();
            // windows not closed at the emitted close time: s + d >= emitted
            long from = emitted == EmittedWindowTracker.NONE || emitted < d ? 0 : emitted - d;
            try (KeyValueIterator<Windowed<K>, ValueAndTimestamp<VAgg>> it = store.fetchAll(from, Long.MAX_VALUE)) {
                while (it.hasNext()) {
                    KeyValue<Windowed<K>, ValueAndTimestamp<VAgg>> w = it.next();
                    K key = w.key.key();
                    long start = w.key.window().start();
                    pending.add(key, keySerde.serializer().serialize(storeName, key), start, start + d);
                }
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
            long t = record.timestamp();
            if (t + 1 + d <= windowCloseTime) {
                dropped.record(context(), LOG, "expired window", t, streamTime);
                return;
            }
            if (tracker != null) {
                currentKeyBytes = keySerde.serializer().serialize(storeName, record.key());
            }
            if (t < d) {
                processEarly(record, windowCloseTime);
            } else {
                processInOrder(record, windowCloseTime);
            }
        }

        /** Forwards the windows closed at {@code windowCloseTime} ({@code s + d < windowCloseTime}) not yet emitted. */
        private void emitClosedWindows(long windowCloseTime) {
            pending.emitClosed(windowCloseTime, tracker, w -> {
                ValueAndTimestamp<VAgg> v = store.fetch(w.key(), w.start());
                if (v == null) {
                    return false;
                }
                context().forward(new Record<>(new Windowed<>(w.key(), window(w.start())),
                        new Change<>(v.value(), null), v.timestamp()));
                return true;
            });
        }

        /** Records that a window was written, for its emit on close; forwards the update otherwise. */
        private void written(Record<Windowed<K>, Change<VAgg>> update) {
            if (pending != null) {
                long start = update.key().window().start();
                pending.add(update.key().key(), currentKeyBytes, start, start + d);
            } else {
                forwarder.maybeForward(update);
            }
        }

        private void processInOrder(Record<K, V> record, long windowCloseTime) {
            K key = record.key();
            long t = record.timestamp();
            Set<Long> windowStarts = new HashSet<>();
            ValueAndTimestamp<VAgg> leftWinAgg = null;
            ValueAndTimestamp<VAgg> rightWinAgg = null;
            boolean leftWinAlreadyCreated = false;
            boolean rightWinAlreadyCreated = false;
            Long previousRecordTimestamp = null;
            // the +1 catches the current record's right window, if it exists
            try (KeyValueIterator<Windowed<K>, ValueAndTimestamp<VAgg>> it =
                         store.fetch(key, key, Math.max(0, t - 2 * d), t + 1)) {
                while (it.hasNext()) {
                    KeyValue<Windowed<K>, ValueAndTimestamp<VAgg>> w = it.next();
                    long start = w.key.window().start();
                    windowStarts.add(start);
                    long end = start + d;
                    long maxRecordTimestamp = w.value.timestamp();
                    if (end < t) {
                        leftWinAgg = w.value;
                        previousRecordTimestamp = maxRecordTimestamp;
                    } else if (end == t) {
                        leftWinAlreadyCreated = true;
                        if (maxRecordTimestamp < t) {
                            previousRecordTimestamp = maxRecordTimestamp;
                        }
                        updateWindowAndForward(window(start), w.value, record, windowCloseTime);
                    } else if (start <= t) {
                        rightWinAgg = w.value;
                        updateWindowAndForward(window(start), w.value, record, windowCloseTime);
                    } else if (start == t + 1) {
                        rightWinAlreadyCreated = true;
                    } else {
                        throw new StreamsException("sliding window aggregate of store " + storeName
                                + " found an unexpected window starting at " + start + " for a record at " + t);
                    }
                }
            }
            if (previousRecordTimestamp != null) {
                long previousRightWinStart = previousRecordTimestamp + 1;
                if (!windowStarts.contains(previousRightWinStart) && previousRightWinStart + d >= t) {
                    createPreviousRecordRightWindow(previousRightWinStart, record, windowCloseTime);
                }
            }
            if (!leftWinAlreadyCreated) {
                ValueAndTimestamp<VAgg> start = previousRecordTimestamp != null && t - d <= previousRecordTimestamp
                        ? ValueAndTimestamp.make(leftWinAgg.value(), t)
                        : ValueAndTimestamp.make(initializer.apply(), t);
                updateWindowAndForward(window(t - d), start, record, windowCloseTime);
            }
            if (!rightWinAlreadyCreated && rightWinAgg != null && rightWinAgg.timestamp() > t) {
                createCurrentRecordRightWindow(t, rightWinAgg, key, record);
            }
        }

        private void processEarly(Record<K, V> record, long windowCloseTime) {
            K key = record.key();
            long t = record.timestamp();
            // the window [0, d] holds every record before d
            KeyValue<Windowed<K>, ValueAndTimestamp<VAgg>> combinedWindow = null;
            ValueAndTimestamp<VAgg> rightWinAgg = null;
            boolean rightWinAlreadyCreated = false;
            Set<Long> windowStarts = new HashSet<>();
            Long previousRecordTimestamp = null;
            try (KeyValueIterator<Windowed<K>, ValueAndTimestamp<VAgg>> it = store.fetch(key, key, 0, t + 1)) {
                while (it.hasNext()) {
                    KeyValue<Windowed<K>, ValueAndTimestamp<VAgg>> w = it.next();
                    long start = w.key.window().start();
                    windowStarts.add(start);
                    long maxRecordTimestamp = w.value.timestamp();
                    if (start == 0) {
                        combinedWindow = w;
                        if (maxRecordTimestamp < t) {
                            previousRecordTimestamp = maxRecordTimestamp;
                        }
                    } else if (start <= t) {
                        rightWinAgg = w.value;
                        updateWindowAndForward(window(start), w.value, record, windowCloseTime);
                    } else if (start == t + 1) {
                        rightWinAlreadyCreated = true;
                    } else {
                        throw new StreamsException("sliding window aggregate of store " + storeName
                                + " found an unexpected window starting at " + start + " for an early record at " + t);
                    }
                }
            }
            // without a right window found, the combined window holds only records after t (if any), so its
            // aggregate is that of the current record's right window
            if (rightWinAgg == null && combinedWindow != null && combinedWindow.value.timestamp() > t) {
                rightWinAgg = combinedWindow.value;
            }
            if (!rightWinAlreadyCreated && rightWinAgg != null && rightWinAgg.timestamp() > t) {
                createCurrentRecordRightWindow(t, rightWinAgg, key, record);
            }
            if (previousRecordTimestamp != null && !windowStarts.contains(previousRecordTimestamp + 1)) {
                createPreviousRecordRightWindow(previousRecordTimestamp + 1, record, windowCloseTime);
            }
            if (combinedWindow == null) {
                updateWindowAndForward(window(0), ValueAndTimestamp.make(initializer.apply(), t), record,
                        windowCloseTime);
            } else {
                updateWindowAndForward(window(0), combinedWindow.value, record, windowCloseTime);
            }
        }

        private TimeWindow window(long start) {
            return new TimeWindow(start, start + d == start ? start + 1 : start + d);
        }

        private void createCurrentRecordRightWindow(long t, ValueAndTimestamp<VAgg> rightWinAgg, K key,
                                                    Record<K, V> record) {
            TimeWindow w = window(t + 1);
            store.put(key, rightWinAgg, w.start());
            written(new Record<>(new Windowed<>(key, w), new Change<>(rightWinAgg.value(), null),
                    rightWinAgg.timestamp(), record.headers()));
        }

        private void createPreviousRecordRightWindow(long windowStart, Record<K, V> record, long windowCloseTime) {
            updateWindowAndForward(window(windowStart), ValueAndTimestamp.make(initializer.apply(), record.timestamp()),
                    record, windowCloseTime);
        }

        private void updateWindowAndForward(Window window, ValueAndTimestamp<VAgg> valueAndTime, Record<K, V> record,
                                            long windowCloseTime) {
            long windowStart = window.start();
            // the end is inclusive: a window ending exactly at the close time is still open (as Kafka Streams), so
            // with no grace a record at stream time still lands in its own left window
            if (windowStart + d < windowCloseTime) {
                return;
            }
            long t = record.timestamp();
            VAgg oldAgg = ValueAndTimestamp.getValueOrNull(valueAndTime);
            VAgg newAgg = aggregator.apply(record.key(), record.value(), oldAgg);
            long newTimestamp = oldAgg == null ? t : Math.max(t, valueAndTime.timestamp());
            store.put(record.key(), ValueAndTimestamp.make(newAgg, newTimestamp), windowStart);
            written(new Record<>(new Windowed<>(record.key(), window),
                    new Change<>(newAgg, sendOldValues ? oldAgg : null), newTimestamp, record.headers()));
        }
    }
}
