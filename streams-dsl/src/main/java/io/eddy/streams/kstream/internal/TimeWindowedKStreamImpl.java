package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serde;
import io.eddy.serialization.Serdes;
import io.eddy.state.StoreBuilder;
import io.eddy.state.TimeWindow;
import io.eddy.state.TimestampedWindowStore;
import io.eddy.state.WindowStore;
import io.eddy.state.Windowed;
import io.eddy.streams.kstream.Aggregator;
import io.eddy.streams.kstream.EmitStrategy;
import io.eddy.streams.kstream.Initializer;
import io.eddy.streams.kstream.KTable;
import io.eddy.streams.kstream.Materialized;
import io.eddy.streams.kstream.Named;
import io.eddy.streams.kstream.Reducer;
import io.eddy.streams.kstream.SlidingWindows;
import io.eddy.streams.kstream.TimeWindowedKStream;
import io.eddy.streams.kstream.WindowedSerdes;
import io.eddy.streams.kstream.Windows;
import java.util.Objects;

/**
 * {@link TimeWindowedKStream} over fixed ({@link KStreamWindowAggregate}) or sliding
 * ({@link KStreamSlidingWindowAggregate}) windows. Names extend the grouping's path with {@code timeWindows} or
 * {@code slidingWindows} and the aggregation ({@code orders.timeWindows.count}, store
 * {@code orders.timeWindows.count-store}); a {@code Named} or {@code Materialized.as} name replaces them.
 *
 * <p>Store retention: the user's (at least Kafka Streams' minimum) or that minimum, plus the margin the processor
 * needs on top of Kafka Streams' rule (sliding windows: {@link KStreamSlidingWindowAggregate#minRetentionMs}).
 *
 * <p>With {@link EmitStrategy#onWindowClose()} the window store is built without a record cache (as Kafka Streams
 * does) and the aggregation gets a second store, {@code <window store name>-emit-tracker}, logged like the window store
 * (see {@link EmittedWindowTracker}).
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class TimeWindowedKStreamImpl<K, V> implements TimeWindowedKStream<K, V> {
    private final KGroupedStreamImpl<K, V> grouped;
    private final Windows<TimeWindow> windows;
    private final SlidingWindows sliding;
    private EmitStrategy emitStrategy = EmitStrategy.onWindowUpdate();

    private TimeWindowedKStreamImpl(KGroupedStreamImpl<K, V> grouped, Windows<TimeWindow> windows,
                                    SlidingWindows sliding) {
        this.grouped = grouped;
        this.windows = windows;
        this.sliding = sliding;
    }

    /** @return fixed-window aggregations of {@code grouped} */
    static <K, V> TimeWindowedKStreamImpl<K, V> fixed(KGroupedStreamImpl<K, V> grouped, Windows<TimeWindow> windows) {
        return new TimeWindowedKStreamImpl<>(grouped, Objects.requireNonNull(windows, "windows"), null);
    }

    /** @return sliding-window aggregations of {@code grouped} */
    static <K, V> TimeWindowedKStreamImpl<K, V> sliding(KGroupedStreamImpl<K, V> grouped, SlidingWindows windows) {
        return new TimeWindowedKStreamImpl<>(grouped, null, Objects.requireNonNull(windows, "windows"));
    }

    @Override
    public TimeWindowedKStream<K, V> emitStrategy(EmitStrategy emitStrategy) {
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
    public KTable<Windowed<K>, Long> count(Materialized<K, Long, WindowStore<Bytes, byte[]>> materialized) {
        return count(null, materialized);
    }

    @Override
    public KTable<Windowed<K>, Long> count(Named named,
                                           Materialized<K, Long, WindowStore<Bytes, byte[]>> materialized) {
        return aggregate("count", named, new MaterializedInternal<>(materialized),
                AggregationFunctions.countInitializer(), AggregationFunctions.countAggregator(), Serdes.Long());
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
                                                  Aggregator<? super K, ? super V, VR> aggregator) {
        return aggregate(initializer, aggregator, null, null);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
                                                  Aggregator<? super K, ? super V, VR> aggregator, Named named) {
        return aggregate(initializer, aggregator, named, null);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
                                                  Aggregator<? super K, ? super V, VR> aggregator,
                                                  Materialized<K, VR, WindowStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, aggregator, null, materialized);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
                                                  Aggregator<? super K, ? super V, VR> aggregator, Named named,
                                                  Materialized<K, VR, WindowStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer");
        Objects.requireNonNull(aggregator, "aggregator");
        return aggregate("aggregate", named, new MaterializedInternal<>(materialized), initializer, aggregator, null);
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
                                         Materialized<K, V, WindowStore<Bytes, byte[]>> materialized) {
        return reduce(reducer, null, materialized);
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named,
                                         Materialized<K, V, WindowStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(reducer, "reducer");
        return aggregate("reduce", named, new MaterializedInternal<>(materialized),
                AggregationFunctions.reduceInitializer(), AggregationFunctions.reduceAggregator(reducer),
                grouped.valueSerde());
    }

    private <VR> KTable<Windowed<K>, VR> aggregate(String operator, Named named, MaterializedInternal<K, VR, ?> m,
                                                   Initializer<VR> initializer,
                                                   Aggregator<? super K, ? super V, VR> aggregator,
                                                   Serde<VR> defaultValueSerde) {
        InternalStreamsBuilder builder = grouped.stream().builder();
        KStreamImpl<K, V> input = grouped.repartitionedInput(operator);
        String base = grouped.pathBase() + (sliding != null ? ".slidingWindows" : ".timeWindows");
        String userName = NamedInternal.nameOf(named);
        String node = builder.nodeName(userName, base, operator);
        String path = userName != null ? userName : base + "." + operator;
        Serde<K> k = builder.serdes().resolve(m.keySerde() != null ? m.keySerde() : grouped.keySerde(), true, node);
        Serde<VR> v = builder.serdes().resolve(m.valueSerde() != null ? m.valueSerde() : defaultValueSerde, false,
                node);
        String storeName = StoreFactory.storeName(builder, m, node, path, operator);
        long size;
        long retention;
        long grace;
        KTableProcessorSupplier<K, V, Windowed<K>, VR> table;
        StoreBuilder<?> tracker = null;
        boolean loggingEnabled = m.loggingEnabled();
        if (sliding != null) {
            size = sliding.timeDifferenceMs();
            grace = sliding.gracePeriodMs();
            long ksMinimum = 2 * size + grace;
            retention = StoreFactory.retentionMs(m, storeName, ksMinimum, "2 * time difference plus grace period")
                    + KStreamSlidingWindowAggregate.minRetentionMs(sliding) - ksMinimum;
            KStreamSlidingWindowAggregate<K, V, VR> a = new KStreamSlidingWindowAggregate<>(sliding, storeName,
                    emitStrategy, k, initializer, aggregator);
            if (a.emitTrackerStoreName() != null) {
                tracker = a.emitTrackerStoreBuilder(loggingEnabled, m.logConfig());
            }
            table = new WindowedAggregateTable<>(a, a::enableSendingOldValues,
                    new WindowStoreValueGetterSupplier<>(storeName, false));
            builder.registerDroppedRecords(node, a::droppedRecords);
        } else {
            size = windows.size();
            grace = windows.gracePeriodMs();
            retention = StoreFactory.retentionMs(m, storeName, size + grace, "window size plus grace period");
            KStreamWindowAggregate<K, V, VR> a = new KStreamWindowAggregate<>(windows, storeName, emitStrategy,
                    initializer, aggregator);
            if (a.emitTrackerStoreName() != null) {
                tracker = a.emitTrackerStoreBuilder(loggingEnabled, m.logConfig());
            }
            table = new WindowedAggregateTable<>(a, a::enableSendingOldValues,
                    new WindowStoreValueGetterSupplier<>(storeName, false));
            builder.registerDroppedRecords(node, a::droppedRecords);
        }
        StoreBuilder<TimestampedWindowStore<K, VR>> store = StoreFactory.timestampedWindow(m, storeName, size,
                retention, k, v, node);
        builder.internal().addProcessor(node, table, input.name());
        if (tracker != null) {
            store.withCachingDisabled(); // the processor forwards final results itself, not through a cache
        }
        builder.internal().addStateStore(store, node);
        if (tracker != null) {
            builder.internal().addStateStore(tracker, node);
        }
        return new KTableImpl<>(builder, node, path, new WindowedSerdes.TimeWindowedSerde<>(k, size), v, table,
                m.storeName(), storeName).withWindowCloseDelay(grace);
    }
}
