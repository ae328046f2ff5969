package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serde;
import io.eddy.serialization.Serdes;
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
import io.eddy.streams.kstream.Reducer;
import io.eddy.streams.kstream.SessionWindowedKStream;
import io.eddy.streams.kstream.SessionWindows;
import io.eddy.streams.kstream.SlidingWindows;
import io.eddy.streams.kstream.TimeWindowedKStream;
import io.eddy.streams.kstream.Windows;
import java.util.Objects;

/**
 * {@link KGroupedStream}: aggregations repartition the stream first when its keys may have changed (one topic shared
 * by all aggregations of this grouping, named after the {@code Grouped} or the stream's node). Nodes are named
 * {@code <grouped name or stream node>.<count|reduce|aggregate>}, stores {@code <node>-store} unless named.
 * {@link #cogroup} starts a {@link CogroupedKStreamImpl}, which repartitions each input through the same topic.
 *
 * <p>Extension API: {@link #stream()}, {@link #grouped()}, {@link #repartitionedInput(String)} and
 * {@link #pathBase()} let windowed groupings reuse the same repartitioning and naming.
 *
 * @param <K> key type
 * @param <V> value type
 */
public class KGroupedStreamImpl<K, V> implements KGroupedStream<K, V> {
    private final KStreamImpl<K, V> stream;
    private final GroupedInternal<K, V> grouped;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;

    KGroupedStreamImpl(KStreamImpl<K, V> stream, GroupedInternal<K, V> grouped) {
        this.stream = stream;
        this.grouped = grouped;
        String operator = "grouping of '" + stream.path() + "'";
        this.keySerde = grouped.keySerde() != null
                ? stream.builder().serdes().resolve(grouped.keySerde(), true, operator) : stream.keySerde();
        this.valueSerde = grouped.valueSerde() != null
                ? stream.builder().serdes().resolve(grouped.valueSerde(), false, operator) : stream.valueSerde();
    }

    /** @return the grouped stream (before any repartition) */
    public KStreamImpl<K, V> stream() {
        return stream;
    }

    /** @return the grouping's settings */
    public GroupedInternal<K, V> grouped() {
        return grouped;
    }

    /** @return the base of derived names: the Grouped name, or the stream's path */
    public String pathBase() {
        return grouped.name() != null ? grouped.name() : stream.path();
    }

    /** @return the key serde: the Grouped's, else the stream's, else null */
    public Serde<K> keySerde() {
        return keySerde;
    }

    /** @return the value serde: the Grouped's, else the stream's, else null */
    public Serde<V> valueSerde() {
        return valueSerde;
    }

    /**
     * @param operator the aggregation asking, for error messages
     * @return the stream to aggregate: repartitioned if its keys may have changed
     */
    public KStreamImpl<K, V> repartitionedInput(String operator) {
        return stream.repartitionIfRequired(grouped.name(), keySerde(), valueSerde(), operator);
    }

    @Override
    public KTable<K, Long> count() {
        return count(null, null);
    }

    @Override
    public KTable<K, Long> count(Named named) {
        return count(named, null);
    }

    @Override
    public KTable<K, Long> count(Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized) {
        return count(null, materialized);
    }

    @Override
    public KTable<K, Long> count(Named named, Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized) {
        return aggregate("count", named, new MaterializedInternal<>(materialized), () -> 0L,
                (k, v, agg) -> agg + 1, Serdes.Long());
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> reducer) {
        return reduce(reducer, null, null);
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> reducer, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return reduce(reducer, null, materialized);
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> reducer, Named named,
                               Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(reducer, "reducer");
        return aggregate("reduce", named, new MaterializedInternal<>(materialized), () -> null,
                (k, v, agg) -> agg == null ? v : reducer.apply(agg, v), valueSerde());
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator) {
        return aggregate(initializer, aggregator, null, null);
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, aggregator, null, materialized);
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                        Named named, Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer");
        Objects.requireNonNull(aggregator, "aggregator");
        return aggregate("aggregate", named, new MaterializedInternal<>(materialized), initializer, aggregator, null);
    }

    private <VR> KTable<K, VR> aggregate(String operator, Named named, MaterializedInternal<K, VR, ?> m,
                                         Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                         Serde<VR> defaultValueSerde) {
        InternalStreamsBuilder builder = stream.builder();
        KStreamImpl<K, V> input = repartitionedInput(operator);
        String userName = NamedInternal.nameOf(named);
        String node = builder.nodeName(userName, pathBase(), operator);
        String path = userName != null ? userName : pathBase() + "." + operator;
        Serde<K> k = builder.serdes().resolve(m.keySerde() != null ? m.keySerde() : keySerde(), true, node);
        Serde<VR> v = builder.serdes().resolve(m.valueSerde() != null ? m.valueSerde() : defaultValueSerde, false,
                node);
        StoreBuilder<TimestampedKeyValueStore<K, VR>> store = KStreamImpl.tableStore(builder, m, node, path, operator,
                k, v);
        KStreamAggregate<K, V, VR> supplier = new KStreamAggregate<>(store.name(), initializer, aggregator);
        builder.internal().addProcessor(node, supplier, input.name());
        builder.internal().addStateStore(store, node);
        return new KTableImpl<>(builder, node, path, k, v, supplier, m.storeName(), store.name());
    }

    @Override
    public <VOut> CogroupedKStream<K, VOut> cogroup(Aggregator<? super K, ? super V, VOut> aggregator) {
        Objects.requireNonNull(aggregator, "aggregator");
        return new CogroupedKStreamImpl<K, VOut>(stream.builder()).cogroup(this, aggregator);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <W extends Window> TimeWindowedKStream<K, V> windowedBy(Windows<W> windows) {
        Objects.requireNonNull(windows, "windows");
        if (windows instanceof JoinWindows) {
            throw new IllegalArgumentException("windowedBy needs TimeWindows (or SlidingWindows or SessionWindows),"
                    + " got JoinWindows " + windows);
        }
        return TimeWindowedKStreamImpl.fixed(this, (Windows<TimeWindow>) windows);
    }

    @Override
    public TimeWindowedKStream<K, V> windowedBy(SlidingWindows windows) {
        return TimeWindowedKStreamImpl.sliding(this, windows);
    }

    @Override
    public SessionWindowedKStream<K, V> windowedBy(SessionWindows windows) {
        return new SessionWindowedKStreamImpl<>(this, windows);
    }
}
