package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Bytes;
import io.eddy.state.StoreBuilder;
import io.eddy.state.TimeWindow;
import io.eddy.state.TimestampedWindowStore;
import io.eddy.state.WindowStore;
import io.eddy.state.Windowed;
import io.eddy.streams.kstream.Initializer;
import io.eddy.streams.kstream.KTable;
import io.eddy.streams.kstream.Materialized;
import io.eddy.streams.kstream.Named;
import io.eddy.streams.kstream.SlidingWindows;
import io.eddy.streams.kstream.TimeWindowedCogroupedKStream;
import io.eddy.streams.kstream.WindowedSerdes;
import io.eddy.streams.kstream.Windows;
import java.util.Objects;

/**
 * {@link TimeWindowedCogroupedKStream} over fixed ({@link KStreamWindowAggregate}) or sliding
 * ({@link KStreamSlidingWindowAggregate}) windows, one processor per input over the shared store. Derived names:
 * {@code in.cogroup.timeWindows.aggregate} ({@code slidingWindows} for sliding windows), store {@code <that>-store};
 * store retention as for the plain windowed aggregations.
 *
 * @param <K> key type
 * @param <VOut> aggregate type
 */
final class CogroupedTimeWindowedKStreamImpl<K, VOut> implements TimeWindowedCogroupedKStream<K, VOut> {
    private final CogroupedKStreamImpl<K, VOut> cogrouped;
    private final Windows<TimeWindow> windows;
    private final SlidingWindows sliding;

    private CogroupedTimeWindowedKStreamImpl(CogroupedKStreamImpl<K, VOut> cogrouped, Windows<TimeWindow> windows,
                                             SlidingWindows sliding) {
        this.cogrouped = cogrouped;
        this.windows = windows;
        this.sliding = sliding;
    }

    static <K, VOut> CogroupedTimeWindowedKStreamImpl<K, VOut> fixed(CogroupedKStreamImpl<K, VOut> cogrouped,
                                                                      Windows<TimeWindow> windows) {
        return new CogroupedTimeWindowedKStreamImpl<>(cogrouped, Objects.requireNonNull(windows, "windows"), null);
    }

    static <K, VOut> CogroupedTimeWindowedKStreamImpl<K, VOut> sliding(CogroupedKStreamImpl<K, VOut> cogrouped,
                                                                        SlidingWindows windows) {
        return new CogroupedTimeWindowedKStreamImpl<>(cogrouped, null, Objects.requireNonNull(windows, "windows"));
    }

    @Override
    public KTable<Windowed<K>, VOut> aggregate(Initializer<VOut> initializer) {
        return aggregate(initializer, null, null);
    }

    @Override
    public KTable<Windowed<K>, VOut> aggregate(Initializer<VOut> initializer, Named named) {
        return aggregate(initializer, named, null);
    }

    @Override
    public KTable<Windowed<K>, VOut> aggregate(Initializer<VOut> initializer,
                                               Materialized<K, VOut, WindowStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, null, materialized);
    }

    @Override
    public KTable<Windowed<K>, VOut> aggregate(Initializer<VOut> initializer, Named named,
                                               Materialized<K, VOut, WindowStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer");
        MaterializedInternal<K, VOut, ?> m = new MaterializedInternal<>(materialized);
        String base = cogrouped.pathBase() + (sliding != null ? ".slidingWindows" : ".timeWindows");
        CogroupedAggregateBuilder<K, VOut> b = new CogroupedAggregateBuilder<>(cogrouped.builder(),
                cogrouped.inputs(), base, named, m);
        long size;
        long grace;
        long retention;
        CogroupedAggregateBuilder.PartFactory<K, Windowed<K>, VOut> parts;
        if (sliding != null) {
            size = sliding.timeDifferenceMs();
            grace = sliding.gracePeriodMs();
            // the user's retention is checked against Kafka Streams' minimum, then gets the processor's margin
            long ksMinimum = 2 * size + grace;
            retention = StoreFactory.retentionMs(m, b.storeName(), ksMinimum, "2 * time difference plus grace period")
                    + KStreamSlidingWindowAggregate.minRetentionMs(sliding) - ksMinimum;
            parts = (storeName, aggregator) -> {
                KStreamSlidingWindowAggregate<K, Object, VOut> a = new KStreamSlidingWindowAggregate<>(sliding,
                        storeName, initializer, aggregator);
                return new CogroupedAggregateBuilder.Part<>(a, a::enableSendingOldValues, a::droppedRecords);
            };
        } else {
            size = windows.size();
            grace = windows.gracePeriodMs();
            retention = StoreFactory.retentionMs(m, b.storeName(), size + grace, "window size plus grace period");
            parts = (storeName, aggregator) -> {
                KStreamWindowAggregate<K, Object, VOut> a = new KStreamWindowAggregate<>(windows, storeName,
                        initializer, aggregator);
                return new CogroupedAggregateBuilder.Part<>(a, a::enableSendingOldValues, a::droppedRecords);
            };
        }
        StoreBuilder<TimestampedWindowStore<K, VOut>> store = StoreFactory.timestampedWindow(m, b.storeName(), size,
                retention, b.keySerde(), b.valueSerde(), b.mergeNode());
        CogroupedMerge<Windowed<K>, VOut> merge = b.connect(store, parts,
                new WindowStoreValueGetterSupplier<>(b.storeName(), false));
        return new KTableImpl<>(cogrouped.builder(), b.mergeNode(), b.path(),
                new WindowedSerdes.TimeWindowedSerde<>(b.keySerde(), size), b.valueSerde(), merge, m.storeName(),
                b.storeName()).withWindowCloseDelay(grace);
    }
}
