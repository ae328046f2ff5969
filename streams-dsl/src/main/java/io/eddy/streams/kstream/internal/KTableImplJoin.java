package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Serde;
import io.eddy.state.StoreBuilder;
import io.eddy.state.TimestampedKeyValueStore;
import io.eddy.state.ValueAndTimestamp;
import io.eddy.streams.kstream.KTable;
import io.eddy.streams.kstream.Materialized;
import io.eddy.streams.kstream.Named;
import io.eddy.streams.kstream.TableJoined;
import io.eddy.streams.kstream.ValueJoiner;
import io.eddy.streams.processor.api.ProcessorContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Wires table-table joins into the topology, as Kafka Streams' {@code KTableImpl} join paths.
 *
 * <p>Primary-key joins ({@link KTableKTableJoin}): nodes {@code <path>.<op>-this} and {@code -other} (the side
 * processors, each reading the other table's view) feed the result node {@code <path>.<op>} (or the {@code Named}
 * name, with {@code -this}/{@code -other} appended for the sides); the two tables' source topics form a
 * co-partition group.
 *
 * <p>Both parents of a primary-key join are asked for old values (for exact tombstones), which materializes
 * unmaterialized source tables.
 *
 * <p>Foreign-key joins ({@link KTableKTableForeignKeyJoin}) work across any partition counts (the two tables' may
 * differ): subscriptions go from the left table's task through the repartition topic
 * {@code <name or path>-subscription-registration-repartition} to the right table's, which keeps them in the store
 * {@code <name or path>-subscription-store} and answers through
 * {@code <name or path>-subscription-response-repartition}. The result is always materialized (in the
 * {@code Materialized} store, else {@code <name or path>-store}), so it carries exact old values and tombstones,
 * and readers of the result table read it rather than both tables. The result node is {@code <path>.<op>} or the
 * {@code TableJoined} name; the left table is asked for old values.
 */
final class KTableImplJoin {
    private KTableImplJoin() {
    }

    static <K, V, VO, VR> KTable<K, VR> join(KTableImpl<K, V> left, KTable<K, VO> other,
                                             ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named,
                                             Materialized<K, VR, ?> materialized, boolean leftOuter,
                                             boolean rightOuter, String operator) {
        Objects.requireNonNull(other, "other");
        Objects.requireNonNull(joiner, "joiner");
        KTableImpl<K, VO> right = (KTableImpl<K, VO>) other;
        InternalStreamsBuilder b = left.builder();
        String userName = NamedInternal.nameOf(named);
        String node = b.nodeName(userName, left.path(), operator);
        String path = userName != null ? userName : left.path() + "." + operator;
        boolean parentsSendOldValues = left.enableSendingOldValues(true) & right.enableSendingOldValues(true);
        KTableValueGetterSupplier<K, V> leftView = left.valueGetterSupplier();
        KTableValueGetterSupplier<K, VO> rightView = right.valueGetterSupplier();
        KTableKTableJoin<K, V, VO, VR> join = new KTableKTableJoin<>(leftView, rightView, joiner, leftOuter,
                rightOuter, parentsSendOldValues);
        String thisNode = b.uniqueName(node + "-this");
        String otherNode = b.uniqueName(node + "-other");
        b.internal().addProcessor(thisNode, join.leftSide(), left.name());
        b.internal().connectProcessorAndStateStores(thisNode, rightView.storeNames());
        b.internal().addProcessor(otherNode, join.rightSide(), right.name());
        b.internal().connectProcessorAndStateStores(otherNode, leftView.storeNames());
        b.registerDroppedRecords(node, join::droppedRecords);
        b.copartition(left.name(), right.name());
        KTableValueGetterSupplier<K, VR> computed = new ComputedView<>(leftView, rightView, (getters, key) -> {
            ValueAndTimestamp<V> l = getters.left().get(key);
            ValueAndTimestamp<VO> r = getters.right().get(key);
            if (l != null && r != null) {
                return ValueAndTimestamp.make(joiner.apply(l.value(), r.value()), Math.max(l.timestamp(),
                        r.timestamp()));
            } else if (l != null && leftOuter) {
                return ValueAndTimestamp.make(joiner.apply(l.value(), null), l.timestamp());
            } else if (r != null && rightOuter) {
                return ValueAndTimestamp.make(joiner.apply(null, r.value()), r.timestamp());
            }
            return null;
        });
        return result(left, node, path, new MaterializedInternal<>(materialized), operator, computed,
                join::enableSendingOldValues, thisNode, otherNode);
    }

    static <K, V, KO, VO, VR> KTable<K, VR> foreignKeyJoin(
            KTableImpl<K, V> left, KTable<KO, VO> other,
            BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
            ValueJoiner<? super V, ? super VO, ? extends VR> joiner, TableJoined<K, KO> tableJoined,
            Materialized<K, VR, ?> materialized, boolean leftJoin, String operator) {
        Objects.requireNonNull(other, "other");
        Objects.requireNonNull(foreignKeyExtractor, "foreignKeyExtractor");
        Objects.requireNonNull(joiner, "joiner");
        KTableImpl<KO, VO> right = (KTableImpl<KO, VO>) other;
        InternalStreamsBuilder b = left.builder();
        String userName = TableJoinedInternal.nameOf(tableJoined);
        String node = b.nodeName(userName, left.path(), operator);
        String path = userName != null ? userName : left.path() + "." + operator;
        String subscriptions = b.resourceName(path + "-subscription") + "-store";
        String subscriptionTopic = b.resourceName(path + "-subscription-registration") + "-repartition";
        String responseTopic = b.resourceName(path + "-subscription-response") + "-repartition";
        if (userName == null) {
            String where = operator + " '" + node + "'";
            b.unnamed(where, "state store '" + subscriptions + "'", "TableJoined.as(...)");
            b.unnamed(where, "repartition topic '" + subscriptionTopic + "'", "TableJoined.as(...)");
            b.unnamed(where, "repartition topic '" + responseTopic + "'", "TableJoined.as(...)");
        }
        MaterializedInternal<K, VR, ?> m = new MaterializedInternal<>(materialized);
        Serde<K> keySerde = b.serdes().resolve(left.keySerde(), true, node);
        Serde<K> resultKeySerde = m.keySerde() != null ? b.serdes().resolve(m.keySerde(), true, node) : keySerde;
        Serde<VR> resultValueSerde = b.serdes().resolve(m.valueSerde(), false, node);
        StoreBuilder<TimestampedKeyValueStore<K, VR>> store;
        if (m.given()) {
            store = KStreamImpl.tableStore(b, m, node, path, operator, resultKeySerde, resultValueSerde);
        } else {
            // always materialized: old values, exact tombstones and readers of the result need the stored result
            String storeName = b.resourceName(path) + "-store";
            if (userName == null) {
                b.unnamed(operator + " '" + node + "'", "state store '" + storeName + "'",
                        "TableJoined.as(...) or Materialized.as(...)");
            }
            store = StoreFactory.timestampedKeyValue(m, storeName, resultKeySerde, resultValueSerde, node);
        }
        left.enableSendingOldValues(true); // old foreign keys, to unsubscribe from them
        KTableKTableForeignKeyJoin<K, V, KO, VO, VR> join = new KTableKTableForeignKeyJoin<>(foreignKeyExtractor,
                joiner, leftJoin, TableJoinedInternal.partitionerOf(tableJoined),
                TableJoinedInternal.otherPartitionerOf(tableJoined), "'" + node + "'");
        KTableKTableForeignKeyJoin.Side<K, V> leftSide = new KTableKTableForeignKeyJoin.Side<>(left.name(),
                left.valueGetterSupplier(), b.sourceTopics(left.name()), keySerde,
                b.serdes().resolve(left.valueSerde(), false, node));
        KTableKTableForeignKeyJoin.Side<KO, VO> rightSide = new KTableKTableForeignKeyJoin.Side<>(right.name(),
                right.valueGetterSupplier(), b.sourceTopics(right.name()),
                b.serdes().resolve(right.keySerde(), true, node), b.serdes().resolve(right.valueSerde(), false, node));
        ForeignKeyJoinResult<K, VR> result = join.addTo(b.internal(), new KTableKTableForeignKeyJoin.Names(node,
                subscriptions, subscriptionTopic, responseTopic), leftSide, rightSide, store, true, b::uniqueName);
        b.registerDroppedRecords(node, join::droppedRecords);
        return new KTableImpl<>(b, node, path, left.keySerde(), m.given() ? resultValueSerde : m.valueSerde(),
                result, m.storeName(), store.name());
    }

    private static <K, VR> KTableImpl<K, VR> result(KTableImpl<K, ?> left, String node, String path,
                                                    MaterializedInternal<K, VR, ?> m, String operator,
                                                    KTableValueGetterSupplier<K, VR> computed,
                                                    Runnable enableJoinOldValues, String... sides) {
        InternalStreamsBuilder b = left.builder();
        StoreBuilder<TimestampedKeyValueStore<K, VR>> store = null;
        Serde<VR> v = m.valueSerde();
        if (m.given()) {
            Serde<K> k = b.serdes().resolve(m.keySerde() != null ? m.keySerde() : left.keySerde(), true, node);
            v = b.serdes().resolve(v, false, node);
            store = KStreamImpl.tableStore(b, m, node, path, operator, k, v);
        }
        String storeName = store == null ? null : store.name();
        KTableJoinMerger<K, VR> merger = new KTableJoinMerger<>(storeName, computed, enableJoinOldValues);
        b.internal().addProcessor(node, merger, sides);
        if (store != null) {
            b.internal().addStateStore(store, node);
        }
        return new KTableImpl<>(b, node, path, left.keySerde(), v, merger, m.storeName(), storeName);
    }

    /** The two tables' getters, initialized, for a {@link ComputedView}'s lookup. */
    private record Getters<K, VL, KO, VO>(KTableValueGetter<K, VL> left, KTableValueGetter<KO, VO> right) {
    }

    /** Computes a join result from the two tables' getters. */
    @FunctionalInterface
    private interface Lookup<K, VL, KO, VO, VR> {
        ValueAndTimestamp<VR> get(Getters<K, VL, KO, VO> getters, K key);
    }

    /** Reads an unmaterialized join result by computing it from the two tables' current values. */
    private record ComputedView<K, VL, KO, VO, VR>(KTableValueGetterSupplier<K, VL> left,
                                                   KTableValueGetterSupplier<KO, VO> right,
                                                   Lookup<K, VL, KO, VO, VR> lookup)
            implements KTableValueGetterSupplier<K, VR> {
        @Override
        public KTableValueGetter<K, VR> get() {
            Getters<K, VL, KO, VO> getters = new Getters<>(left.get(), right.get());
            return new KTableValueGetter<>() {
                @Override
                public void init(ProcessorContext<?, ?> context) {
                    getters.left().init(context);
                    getters.right().init(context);
                }

                @Override
                public ValueAndTimestamp<VR> get(K key) {
                    return lookup.get(getters, key);
                }

                @Override
                public void close() {
                    getters.left().close();
                    getters.right().close();
                }
            };
        }

        @Override
        public String[] storeNames() {
            Set<String> stores = new LinkedHashSet<>(List.of(left.storeNames()));
            stores.addAll(List.of(right.storeNames()));
            return stores.toArray(new String[0]);
        }
    }
}
