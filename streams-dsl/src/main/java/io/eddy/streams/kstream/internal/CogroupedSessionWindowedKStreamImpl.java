package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Bytes;
import io.eddy.state.SessionStore;
import io.eddy.state.StoreBuilder;
import io.eddy.state.Windowed;
import io.eddy.streams.kstream.Initializer;
import io.eddy.streams.kstream.KTable;
import io.eddy.streams.kstream.Materialized;
import io.eddy.streams.kstream.Merger;
import io.eddy.streams.kstream.Named;
import io.eddy.streams.kstream.SessionWindowedCogroupedKStream;
import io.eddy.streams.kstream.SessionWindows;
import io.eddy.streams.kstream.WindowedSerdes;
import java.util.Objects;

/**
 * {@link SessionWindowedCogroupedKStream} over {@link KStreamSessionWindowAggregate}, one processor per input over the
 * shared session store (each with its input's aggregator and the common merger). Derived names:
 * {@code in.cogroup.sessionWindows.aggregate}, store {@code <that>-store}; store retention as for the plain session
 * aggregations.
 *
 * @param <K> key type
 * @param <VOut> aggregate type
 */
final class CogroupedSessionWindowedKStreamImpl<K, VOut> implements SessionWindowedCogroupedKStream<K, VOut> {
    private final CogroupedKStreamImpl<K, VOut> cogrouped;
    private final SessionWindows windows;

    CogroupedSessionWindowedKStreamImpl(CogroupedKStreamImpl<K, VOut> cogrouped, SessionWindows windows) {
        this.cogrouped = cogrouped;
        this.windows = Objects.requireNonNull(windows, "windows");
    }

    @Override
    public KTable<Windowed<K>, VOut> aggregate(Initializer<VOut> initializer, Merger<? super K, VOut> sessionMerger) {
        return aggregate(initializer, sessionMerger, null, null);
    }

    @Override
    public KTable<Windowed<K>, VOut> aggregate(Initializer<VOut> initializer, Merger<? super K, VOut> sessionMerger,
                                               Named named) {
        return aggregate(initializer, sessionMerger, named, null);
    }

    @Override
    public KTable<Windowed<K>, VOut> aggregate(Initializer<VOut> initializer, Merger<? super K, VOut> sessionMerger,
                                               Materialized<K, VOut, SessionStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, sessionMerger, null, materialized);
    }

    @Override
    public KTable<Windowed<K>, VOut> aggregate(Initializer<VOut> initializer, Merger<? super K, VOut> sessionMerger,
                                               Named named,
                                               Materialized<K, VOut, SessionStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer");
        Objects.requireNonNull(sessionMerger, "sessionMerger");
        MaterializedInternal<K, VOut, ?> m = new MaterializedInternal<>(materialized);
        CogroupedAggregateBuilder<K, VOut> b = new CogroupedAggregateBuilder<>(cogrouped.builder(),
                cogrouped.inputs(), cogrouped.pathBase() + ".sessionWindows", named, m);
        long closeDelay = windows.inactivityGap() + windows.gracePeriodMs();
        // + 1: a session ending exactly at the close time may still be merged (see KStreamSessionWindowAggregate)
        long retention = StoreFactory.retentionMs(m, b.storeName(), closeDelay, "inactivity gap plus grace period")
                + 1;
        StoreBuilder<SessionStore<K, VOut>> store = StoreFactory.session(m, b.storeName(), retention, b.keySerde(),
                b.valueSerde(), b.mergeNode());
        CogroupedMerge<Windowed<K>, VOut> merge = b.connect(store, (storeName, aggregator) -> {
            KStreamSessionWindowAggregate<K, Object, VOut> a = new KStreamSessionWindowAggregate<>(windows, storeName,
                    initializer, aggregator, sessionMerger);
            return new CogroupedAggregateBuilder.Part<>(a, a::enableSendingOldValues, a::droppedRecords);
        }, new WindowStoreValueGetterSupplier<>(b.storeName(), true));
        return new KTableImpl<>(cogrouped.builder(), b.mergeNode(), b.path(),
                new WindowedSerdes.SessionWindowedSerde<>(b.keySerde()), b.valueSerde(), merge, m.storeName(),
                b.storeName()).withWindowCloseDelay(closeDelay);
    }
}
