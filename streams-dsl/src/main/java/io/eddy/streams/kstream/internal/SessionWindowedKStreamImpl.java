package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serde;
import io.eddy.serialization.Serdes;
import io.eddy.state.SessionStore;
import io.eddy.state.StoreBuilder;
import io.eddy.state.Windowed;
import io.eddy.streams.kstream.Aggregator;
import io.eddy.streams.kstream.EmitStrategy;
import io.eddy.streams.kstream.Initializer;
import io.eddy.streams.kstream.KTable;
import io.eddy.streams.kstream.Materialized;
import io.eddy.streams.kstream.Merger;
import io.eddy.streams.kstream.Named;
import io.eddy.streams.kstream.Reducer;
import io.eddy.streams.kstream.SessionWindowedKStream;
import io.eddy.streams.kstream.SessionWindows;
import io.eddy.streams.kstream.WindowedSerdes;
import java.util.Objects;

/**
 * {@link SessionWindowedKStream} over {@link KStreamSessionWindowAggregate}. Names extend the grouping's path with
 * {@code sessionWindows} and the aggregation ({@code clicks.sessionWindows.count}, store
 * {@code clicks.sessionWindows.count-store}); a {@code Named} or {@code Materialized.as} name replaces them. Store
 * retention: the user's (at least {@code gap + grace}) or {@code gap + grace}, plus 1 ms (see
 * {@link KStreamSessionWindowAggregate#storeBuilder}).
 *
 * <p>With {@link EmitStrategy#onWindowClose()} the session store is built without a record cache (as Kafka Streams
 * does) and the aggregation gets a second store, {@code <session store name>-emit-tracker}, logged like the session
 * store (see {@link EmittedWindowTracker}).
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class SessionWindowedKStreamImpl<K, V> implements SessionWindowedKStream<K, V> {
    private final KGroupedStreamImpl<K, V> grouped;
    private final SessionWindows windows;
    private EmitStrategy emitStrategy = EmitStrategy.onWindowUpdate();

    SessionWindowedKStreamImpl(KGroupedStreamImpl<K, V> grouped, SessionWindows windows) {
        this.grouped = grouped;
        this.windows = Objects.requireNonNull(windows, "windows");
    }

    @Override
    public SessionWindowedKStream<K, V> emitStrategy(EmitStrategy emitStrategy) {
        EmitStrategies.emitsOnClose(emitStrategy); // validates
        this.emitStrategy = emitStrategy;
        return this;
    }

    @Override
    public KTable<Windowed<K>, Long> count() {
        return count(null, null);
    }

    @Override
    public KTable<Windowed<K>, Long> count(Named named) {
        return count(named, null);
    }

    @Override
    public KTable<Windowed<K>, Long> count(Materialized<K, Long, SessionStore<Bytes, byte[]>> materialized) {
        return count(null, materialized);
    }

    @Override
    public KTable<Windowed<K>, Long> count(Named named,
                                           Materialized<K, Long, SessionStore<Bytes, byte[]>> materialized) {
        return aggregate("count", named, new MaterializedInternal<>(materialized),
                AggregationFunctions.countInitializer(), AggregationFunctions.countAggregator(),
                AggregationFunctions.countMerger(), Serdes.Long());
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
                                                  Aggregator<? super K, ? super V, VR> aggregator,
                                                  Merger<? super K, VR> sessionMerger) {
        return aggregate(initializer, aggregator, sessionMerger, null, null);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
                                                  Aggregator<? super K, ? super V, VR> aggregator,
                                                  Merger<? super K, VR> sessionMerger, Named named) {
        return aggregate(initializer, aggregator, sessionMerger, named, null);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
                                                  Aggregator<? super K, ? super V, VR> aggregator,
                                                  Merger<? super K, VR> sessionMerger,
                                                  Materialized<K, VR, SessionStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, aggregator, sessionMerger, null, materialized);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
                                                  Aggregator<? super K, ? super V, VR> aggregator,
                                                  Merger<? super K, VR> sessionMerger, Named named,
                                                  Materialized<K, VR, SessionStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer");
        Objects.requireNonNull(aggregator, "aggregator");
        Objects.requireNonNull(sessionMerger, "sessionMerger");
        return aggregate("aggregate", named, new MaterializedInternal<>(materialized), initializer, aggregator,
                sessionMerger, null);
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer) {
        return reduce(reducer, null, null);
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named) {
        return reduce(reducer, named, null);
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer,
                                         Materialized<K, V, SessionStore<Bytes, byte[]>> materialized) {
        return reduce(reducer, null, materialized);
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named,
                                         Materialized<K, V, SessionStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(reducer, "reducer");
        return aggregate("reduce", named, new MaterializedInternal<>(materialized),
                AggregationFunctions.reduceInitializer(), AggregationFunctions.reduceAggregator(reducer),
                AggregationFunctions.reduceMerger(reducer), grouped.valueSerde());
    }

    private <VR> KTable<Windowed<K>, VR> aggregate(String operator, Named named, MaterializedInternal<K, VR, ?> m,
                                                   Initializer<VR> initializer,
                                                   Aggregator<? super K, ? super V, VR> aggregator,
                                                   Merger<? super K, VR> merger, Serde<VR> defaultValueSerde) {
        InternalStreamsBuilder builder = grouped.stream().builder();
        KStreamImpl<K, V> input = grouped.repartitionedInput(operator);
        String base = grouped.pathBase() + ".sessionWindows";
        String userName = NamedInternal.nameOf(named);
        String node = builder.nodeName(userName, base, operator);
        String path = userName != null ? userName : base + "." + operator;
        Serde<K> k = builder.serdes().resolve(m.keySerde() != null ? m.keySerde() : grouped.keySerde(), true, node);
        Serde<VR> v = builder.serdes().resolve(m.valueSerde() != null ? m.valueSerde() : defaultValueSerde, false,
                node);
        String storeName = StoreFactory.storeName(builder, m, node, path, operator);
        long closeDelay = windows.inactivityGap() + windows.gracePeriodMs();
        long retention = StoreFactory.retentionMs(m, storeName, closeDelay, "inactivity gap plus grace period") + 1;
        KStreamSessionWindowAggregate<K, V, VR> a = new KStreamSessionWindowAggregate<>(windows, storeName,
                emitStrategy, k, initializer, aggregator, merger);
        WindowedAggregateTable<K, V, VR> table = new WindowedAggregateTable<>(a, a::enableSendingOldValues,
                new WindowStoreValueGetterSupplier<>(storeName, true));
        StoreBuilder<SessionStore<K, VR>> store = StoreFactory.session(m, storeName, retention, k, v, node);
        builder.internal().addProcessor(node, table, input.name());
        boolean emitOnClose = a.emitTrackerStoreName() != null;
        if (emitOnClose) {
            store.withCachingDisabled(); // the processor forwards final results itself, not through a cache
        }
        builder.internal().addStateStore(store, node);
        if (emitOnClose) {
            builder.internal().addStateStore(a.emitTrackerStoreBuilder(m.loggingEnabled(), m.logConfig()), node);
        }
        builder.registerDroppedRecords(node, a::droppedRecords);
        return new KTableImpl<>(builder, node, path, new WindowedSerdes.SessionWindowedSerde<>(k), v, table,
                m.storeName(), storeName).withWindowCloseDelay(closeDelay);
    }
}
