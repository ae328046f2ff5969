package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Serde;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.SessionStore;
import io.eddy.state.SessionWindow;
import io.eddy.state.StoreBuilder;
import io.eddy.state.Stores;
import io.eddy.state.Windowed;
import io.eddy.streams.kstream.Aggregator;
import io.eddy.streams.kstream.EmitStrategy;
import io.eddy.streams.kstream.Initializer;
import io.eddy.streams.kstream.Merger;
import io.eddy.streams.kstream.SessionWindows;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.Processor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.Record;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates a stream into {@link SessionWindows}, as Kafka Streams' {@code KStreamSessionWindowAggregate}. A record at
 * {@code t} joins every session of its key that ends at or after {@code t - gap} and starts at or before
 * {@code t + gap} (inclusive); when it touches several, they are merged (aggregates combined with the merger) into one
 * session spanning all of them. The merged sessions are removed from the store and a tombstone
 * ({@code Change(null, old)}) is forwarded for each, then the new session's aggregate.
 *
 * <p>A record is late when the session it would produce ends before {@code streamTime - grace - gap}: it is then
 * dropped, logged at debug and counted, as are records with a null key or value.
 *
 * <p>Needs a {@link SessionStore} named {@code storeName} with retention at least {@code gap + grace + 1} (a session
 * store drops sessions ending at or before its stream time minus the retention, and a session ending exactly at
 * {@code streamTime - grace - gap} may still be merged). Forwards
 * {@code Record<Windowed<K>, Change<VAgg>>} keyed by the session (a {@link SessionWindow}) with the session end (its
 * largest record timestamp) as timestamp; the old aggregate only after {@link #enableSendingOldValues()}.
 *
 * <p>With {@link EmitStrategy#onWindowClose()} neither updates nor tombstones are forwarded. Instead, before it handles
 * a record, the processor forwards every session that stream time has closed since it last did
 * ({@code sessionEnd < streamTime - grace - gap}, i.e. {@code streamTime > sessionEnd + gap + grace}: the rule by
 * which a record is late), once, as {@code Change(aggregate, null)} with the session end as timestamp, ordered by
 * session end then key bytes. A closed session is final: a later record within the gap of it does not merge it (Kafka
 * Streams would merge it into a new session after having emitted it; whether such a record is late is unchanged, as a
 * closed session cannot make the merged session end late or not). Sessions are found in a {@link PendingWindows}
 * index (rebuilt from the store at init); how far the processor has emitted is kept in the store
 * {@link #emitTrackerStoreName()} (see {@link EmittedWindowTracker}), which must be connected too. The session store
 * should then not be cached.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @param <VAgg> the aggregate type
 */
public final class KStreamSessionWindowAggregate<K, V, VAgg>
        extends WindowedAggregateSupplier<K, V, VAgg> {
    private static final Logger LOG = LoggerFactory.getLogger(KStreamSessionWindowAggregate.class);

    private final SessionWindows windows;
    private final Merger<? super K, VAgg> merger;
    private final Serde<K> keySerde;

    /**
     * @param windows the session windows
     * @param storeName the session store
     * @param initializer the initial aggregate of a new session
     * @param aggregator adds a record to an aggregate
     * @param merger combines the aggregates of two sessions being merged
     */
    public KStreamSessionWindowAggregate(SessionWindows windows, String storeName, Initializer<VAgg> initializer,
                                         Aggregator<? super K, ? super V, VAgg> aggregator,
                                         Merger<? super K, VAgg> merger) {
        this(windows, storeName, EmitStrategy.onWindowUpdate(), null, initializer, aggregator, merger);
    }

    /**
     * @param windows the session windows
     * @param storeName the session store
     * @param emitStrategy when results are forwarded; {@code onWindowClose} needs the store
     *     {@link #emitTrackerStoreName()} as well
     * @param keySerde the key serde (orders sessions closing together); needed for {@code onWindowClose} only
     * @param initializer the initial aggregate of a new session
     * @param aggregator adds a record to an aggregate
     * @param merger combines the aggregates of two sessions being merged
     */
    public KStreamSessionWindowAggregate(SessionWindows windows, String storeName, EmitStrategy emitStrategy,
                                         Serde<K> keySerde, Initializer<VAgg> initializer,
                                         Aggregator<? super K, ? super V, VAgg> aggregator,
                                         Merger<? super K, VAgg> merger) {
        super("session window aggregate", storeName, emitStrategy, initializer, aggregator);
        this.windows = Objects.requireNonNull(windows, "windows");
        this.merger = Objects.requireNonNull(merger, "merger");
        this.keySerde = trackerStoreName != null ? Objects.requireNonNull(keySerde, "keySerde") : keySerde;
    }

    /**
     * @param name the store name
     * @param windows the session windows
     * @param keySerde the key serde
     * @param aggSerde the aggregate serde
     * @param persistent RocksDB (true) or in-memory
     * @param <K> key type
     * @param <VAgg> aggregate type
     * @return a builder of the store this processor needs: retention {@code gap + grace + 1} (logging enabled,
     *     caching disabled)
     */
    public static <K, VAgg> StoreBuilder<SessionStore<K, VAgg>> storeBuilder(String name, SessionWindows windows,
            Serde<K> keySerde, Serde<VAgg> aggSerde, boolean persistent) {
        Duration retention = Duration.ofMillis(windows.inactivityGap() + windows.gracePeriodMs() + 1);
        return Stores.sessionStoreBuilder(persistent ? Stores.persistentSessionStore(name, retention)
                : Stores.inMemorySessionStore(name, retention), keySerde, aggSerde);
    }

    @Override
    public Processor<K, V, Windowed<K>, Change<VAgg>> get() {
        return new SessionWindowAggregateProcessor();
    }

    private final class SessionWindowAggregateProcessor
            extends ContextualProcessor<K, V, Windowed<K>, Change<VAgg>> {
        private SessionStore<K, VAgg> store;
        private TimestampedForwarder<Windowed<K>, VAgg> forwarder;
        private EmittedWindowTracker tracker;
        private PendingWindows<K> pending;

        @Override
        public void init(ProcessorContext<Windowed<K>, Change<VAgg>> context) {
            super.init(context);
            store = context.getStateStore(storeName);
            if (trackerStoreName == null) {
                forwarder = new TimestampedForwarder<>(store, context, sendOldValues, false);
                return;
            }
            tracker = new EmittedWindowTracker(trackerStoreName);
            tracker.init(context);
            pending = new PendingWindows<>();
            long emitted = tracker.closeTime();
            // sessions not closed at the emitted close time: end >= emitted
            try (KeyValueIterator<Windowed<K>, VAgg> it = store.findSessions(Math.max(0, emitted), Long.MAX_VALUE)) {
                while (it.hasNext()) {
                    Windowed<K> session = it.next().key;
                    pending.add(session.key(), keyBytes(session.key()), session.window().start(),
                            session.window().end());
                }
            }
        }

        private byte[] keyBytes(K key) {
            return keySerde.serializer().serialize(storeName, key);
        }

        @Override
        public void process(Record<K, V> record) {
            long streamTime = context().currentStreamTimeMs();
            long gap = windows.inactivityGap();
            long closeTime = streamTime - windows.gracePeriodMs() - gap;
            if (tracker != null) {
                closeTime = Math.max(closeTime, tracker.closeTime());
                // before the update, which may advance the store's retention past the sessions closing now
                emitClosedSessions(closeTime);
            }
            if (record.key() == null || record.value() == null) {
                dropped.record(context(), LOG, record.key() == null ? "null key" : "null value", record.timestamp(), streamTime);
                return;
            }
            long t = record.timestamp();
            byte[] keyBytes = tracker != null ? keyBytes(record.key()) : null;
            List<KeyValue<Windowed<K>, VAgg>> merged = new ArrayList<>();
            SessionWindow newWindow = new SessionWindow(t, t);
            SessionWindow mergedWindow = newWindow;
            VAgg agg = initializer.apply();
            try (KeyValueIterator<Windowed<K>, VAgg> it =
                         store.findSessions(record.key(), Math.max(0, t - gap), t + gap)) {
                while (it.hasNext()) {
                    KeyValue<Windowed<K>, VAgg> next = it.next();
                    if (tracker != null && next.key.window().end() < closeTime) {
                        continue; // emitted as final: never merged
                    }
                    merged.add(next);
                    agg = merger.apply(record.key(), agg, next.value);
                    mergedWindow = new SessionWindow(Math.min(mergedWindow.start(), next.key.window().start()),
                            Math.max(mergedWindow.end(), next.key.window().end()));
                }
            }
            if (mergedWindow.end() < closeTime) {
                dropped.record(context(), LOG, "expired window", t, streamTime);
                return;
            }
            if (!mergedWindow.equals(newWindow)) {
                for (KeyValue<Windowed<K>, VAgg> session : merged) {
                    store.remove(session.key);
                    if (pending != null) {
                        pending.remove(session.key.key(), keyBytes, session.key.window().start(),
                                session.key.window().end());
                    } else {
                        forwarder.maybeForward(session.key, null, sendOldValues ? session.value : null,
                                session.key.window().end(), record.headers());
                    }
                }
            }
            agg = aggregator.apply(record.key(), record.value(), agg);
            Windowed<K> sessionKey = new Windowed<>(record.key(), mergedWindow);
            store.put(sessionKey, agg);
            if (pending != null) {
                pending.add(record.key(), keyBytes, mergedWindow.start(), mergedWindow.end());
            } else {
                forwarder.maybeForward(sessionKey, agg, null, mergedWindow.end(), record.headers());
            }
        }

        /** Forwards the sessions closed at {@code closeTime} ({@code end < closeTime}) not yet emitted. */
        private void emitClosedSessions(long closeTime) {
            pending.emitClosed(closeTime, tracker, s -> {
                VAgg agg = store.fetchSession(s.key(), s.start(), s.end());
                if (agg == null) {
                    return false;
                }
                context().forward(new Record<>(new Windowed<>(s.key(), new SessionWindow(s.start(), s.end())),
                        new Change<>(agg, null), s.end()));
                return true;
            });
        }
    }
}
