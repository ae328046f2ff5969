package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Bytes;
import io.eddy.state.KeyValueStore;
import io.eddy.state.StoreBuilder;
import io.eddy.state.TimeWindow;
import io.eddy.state.TimestampedKeyValueStore;
import io.eddy.state.Window;
import io.eddy.streams.kstream.Aggregator;
import io.eddy.streams.kstream.CogroupedKStream;
import io.eddy.streams.kstream.Initializer;
import io.eddy.streams.kstream.JoinWindows;
import io.eddy.streams.kstream.KGroupedStream;
import io.eddy.streams.kstream.KTable;
import io.eddy.streams.kstream.Materialized;
import io.eddy.streams.kstream.Named;
import io.eddy.streams.kstream.SessionWindowedCogroupedKStream;
import io.eddy.streams.kstream.SessionWindows;
import io.eddy.streams.kstream.SlidingWindows;
import io.eddy.streams.kstream.TimeWindowedCogroupedKStream;
import io.eddy.streams.kstream.Windows;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link CogroupedKStream}: collects the inputs; each aggregation writes them with {@link CogroupedAggregateBuilder}
 * over {@link KStreamAggregate} processors. Derived names start at the first input's path: {@code in.cogroup.aggregate}
 * (store {@code in.cogroup.aggregate-store}, nodes {@code in.cogroup.aggregate-cogroup-agg-<i>} and
 * {@code in.cogroup.aggregate-cogroup-merge}).
 *
 * @param <K> key type
 * @param <VOut> aggregate type
 */
public final class CogroupedKStreamImpl<K, VOut> implements CogroupedKStream<K, VOut> {
    private final InternalStreamsBuilder builder;
    private final List<Input<K, VOut>> inputs = new ArrayList<>();

    /**
     * One cogrouped input. The aggregator's value type is erased: it only ever sees values of its own grouping.
     *
     * @param grouped the grouping
     * @param aggregator folds its values into the aggregate
     */
    record Input<K, VOut>(KGroupedStreamImpl<K, ?> grouped, Aggregator<? super K, Object, VOut> aggregator) {
    }

    /** @param builder the builder all inputs must come from */
    CogroupedKStreamImpl(InternalStreamsBuilder builder) {
        this.builder = builder;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <VIn> CogroupedKStream<K, VOut> cogroup(KGroupedStream<K, VIn> groupedStream,
                                                   Aggregator<? super K, ? super VIn, VOut> aggregator) {
        Objects.requireNonNull(groupedStream, "groupedStream");
        Objects.requireNonNull(aggregator, "aggregator");
        if (!(groupedStream instanceof KGroupedStreamImpl<K, VIn> g) || g.stream().builder() != builder) {
            throw new IllegalArgumentException("cogroup needs a grouped stream of the same StreamsBuilder, got "
                    + groupedStream);
        }
        for (Input<K, VOut> input : inputs) {
            if (input.grouped() == g) {
                // Kafka Streams would silently replace the first aggregator
                throw new IllegalArgumentException("the grouped stream of '" + g.pathBase()
                        + "' is already part of this cogrouped stream");
            }
        }
        inputs.add(new Input<>(g, (Aggregator<? super K, Object, VOut>) aggregator));
        return this;
    }

    /** @return the builder */
    InternalStreamsBuilder builder() {
        return builder;
    }

    /** @return the inputs added so far, in cogroup order */
    List<Input<K, VOut>> inputs() {
        return List.copyOf(inputs);
    }

    /** @return the base of derived names: {@code <first input's path>.cogroup} */
    String pathBase() {
        return inputs.get(0).grouped().pathBase() + ".cogroup";
    }

    @Override
    public KTable<K, VOut> aggregate(Initializer<VOut> initializer) {
        return aggregate(initializer, null, null);
    }

    @Override
    public KTable<K, VOut> aggregate(Initializer<VOut> initializer, Named named) {
        return aggregate(initializer, named, null);
    }

    @Override
    public KTable<K, VOut> aggregate(Initializer<VOut> initializer,
                                     Materialized<K, VOut, KeyValueStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, null, materialized);
    }

    @Override
    public KTable<K, VOut> aggregate(Initializer<VOut> initializer, Named named,
                                     Materialized<K, VOut, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer");
        MaterializedInternal<K, VOut, ?> m = new MaterializedInternal<>(materialized);
        CogroupedAggregateBuilder<K, VOut> b = new CogroupedAggregateBuilder<>(builder, inputs(), pathBase(), named,
                m);
        StoreBuilder<TimestampedKeyValueStore<K, VOut>> store = StoreFactory.timestampedKeyValue(m, b.storeName(),
                b.keySerde(), b.valueSerde(), b.mergeNode());
        CogroupedMerge<K, VOut> merge = b.connect(store, (storeName, aggregator) -> {
            KStreamAggregate<K, Object, VOut> a = new KStreamAggregate<>(storeName, initializer, aggregator);
            return new CogroupedAggregateBuilder.Part<>(a, () -> a.enableSendingOldValues(true), null);
        }, new StoreValueGetterSupplier<>(b.storeName()));
        return new KTableImpl<>(builder, b.mergeNode(), b.path(), b.keySerde(), b.valueSerde(), merge, m.storeName(),
                b.storeName());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <W extends Window> TimeWindowedCogroupedKStream<K, VOut> windowedBy(Windows<W> windows) {
        Objects.requireNonNull(windows, "windows");
        if (windows instanceof JoinWindows) {
            throw new IllegalArgumentException("windowedBy needs TimeWindows (or SlidingWindows or SessionWindows),"
                    + " got JoinWindows " + windows);
        }
        return CogroupedTimeWindowedKStreamImpl.fixed(this, (Windows<TimeWindow>) windows);
    }

    @Override
    public TimeWindowedCogroupedKStream<K, VOut> windowedBy(SlidingWindows windows) {
        return CogroupedTimeWindowedKStreamImpl.sliding(this, windows);
    }

    @Override
    public SessionWindowedCogroupedKStream<K, VOut> windowedBy(SessionWindows windows) {
        return new CogroupedSessionWindowedKStreamImpl<>(this, windows);
    }
}
