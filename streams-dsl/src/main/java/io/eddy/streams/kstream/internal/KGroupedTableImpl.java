package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serde;
import io.eddy.serialization.Serdes;
import io.eddy.state.KeyValueStore;
import io.eddy.state.StoreBuilder;
import io.eddy.state.TimestampedKeyValueStore;
import io.eddy.streams.kstream.Aggregator;
import io.eddy.streams.kstream.Initializer;
import io.eddy.streams.kstream.KGroupedTable;
import io.eddy.streams.kstream.KTable;
import io.eddy.streams.kstream.Materialized;
import io.eddy.streams.kstream.Named;
import io.eddy.streams.kstream.Reducer;
import java.util.Map;
import java.util.Objects;

/**
 * {@link KGroupedTable}: the regrouped updates go through one repartition topic ({@code <name>-repartition}, shared
 * by all aggregations of this grouping) as {@link Change}s, so each retraction and addition reaches its own key's
 * partition.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class KGroupedTableImpl<K, V> implements KGroupedTable<K, V> {
    private final InternalStreamsBuilder builder;
    private final String selectorNode;
    private final String selectorPath;
    private final GroupedInternal<K, V> grouped;
    private String repartitionSource;
    private Serde<K> keySerde;

    KGroupedTableImpl(InternalStreamsBuilder builder, String selectorNode, String selectorPath,
                      GroupedInternal<K, V> grouped) {
        this.builder = builder;
        this.selectorNode = selectorNode;
        this.selectorPath = selectorPath;
        this.grouped = grouped;
        // resolve now, so that a serde chosen by an unusable class fails at the groupBy
        builder.serdes().resolve(grouped.keySerde(), true, selectorNode);
        builder.serdes().resolve(grouped.valueSerde(), false, selectorNode);
    }

    private String pathBase() {
        return grouped.name() != null ? grouped.name() : selectorPath;
    }

    private String repartition(String operator) {
        if (repartitionSource != null) {
            return repartitionSource;
        }
        String topic = (grouped.name() != null ? grouped.name() : builder.resourceName(selectorPath))
                + "-repartition";
        if (grouped.name() == null) {
            builder.unnamed(operator + " after '" + selectorNode + "'", "repartition topic '" + topic + "'",
                    "Grouped.as(...)");
        }
        keySerde = builder.serdes().resolve(grouped.keySerde(), true, topic);
        ChangeSerde<V> changes = new ChangeSerde<>(builder.serdes().resolve(grouped.valueSerde(), false, topic));
        String sink = builder.uniqueName(topic + "-sink");
        repartitionSource = builder.uniqueName(topic + "-source");
        builder.internal().addInternalTopic(topic, -1, true, Map.of());
        builder.internal().addSink(sink, topic, null, keySerde.serializer(), changes.serializer(), null, selectorNode);
        builder.internal().addSource(repartitionSource, keySerde.deserializer(), changes.deserializer(), null, null,
                topic);
        return repartitionSource;
    }

    private <VR> KTable<K, VR> aggregate(String operator, Named named, MaterializedInternal<K, VR, ?> m,
                                         Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                         Aggregator<? super K, ? super V, VR> subtractor, Serde<VR> defaultValueSerde) {
        String source = repartition(operator);
        String userName = NamedInternal.nameOf(named);
        String node = builder.nodeName(userName, pathBase(), operator);
        String path = userName != null ? userName : pathBase() + "." + operator;
        Serde<K> k = builder.serdes().resolve(m.keySerde() != null ? m.keySerde() : keySerde, true, node);
        Serde<VR> v = builder.serdes().resolve(m.valueSerde() != null ? m.valueSerde() : defaultValueSerde, false,
                node);
        StoreBuilder<TimestampedKeyValueStore<K, VR>> store = KStreamImpl.tableStore(builder, m, node, path, operator,
                k, v);
        KTableAggregate<K, V, VR> supplier = new KTableAggregate<>(store.name(), initializer, adder, subtractor);
        builder.internal().addProcessor(node, supplier, source);
        builder.internal().addStateStore(store, node);
        return new KTableImpl<>(builder, node, path, k, v, supplier, m.storeName(), store.name());
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
        return aggregate("count", named, new MaterializedInternal<>(materialized), () -> 0L, (k, v, agg) -> agg + 1,
                (k, v, agg) -> agg - 1, Serdes.Long());
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor) {
        return reduce(adder, subtractor, null, null);
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor,
                               Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return reduce(adder, subtractor, null, materialized);
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor, Named named,
                               Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(adder, "adder");
        Objects.requireNonNull(subtractor, "subtractor");
        return aggregate("reduce", named, new MaterializedInternal<>(materialized), () -> null,
                (k, v, agg) -> agg == null ? v : adder.apply(agg, v), (k, v, agg) -> subtractor.apply(agg, v),
                grouped.valueSerde());
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                        Aggregator<? super K, ? super V, VR> subtractor) {
        return aggregate(initializer, adder, subtractor, null, null);
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                        Aggregator<? super K, ? super V, VR> subtractor,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, adder, subtractor, null, materialized);
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                        Aggregator<? super K, ? super V, VR> subtractor, Named named,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer");
        Objects.requireNonNull(adder, "adder");
        Objects.requireNonNull(subtractor, "subtractor");
        return aggregate("aggregate", named, new MaterializedInternal<>(materialized), initializer, adder, subtractor,
                null);
    }
}
