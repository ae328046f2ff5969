package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Serde;
import io.eddy.state.StoreBuilder;
import io.eddy.state.TimestampedKeyValueStore;
import io.eddy.state.ValueAndTimestamp;
import io.eddy.streams.errors.StreamsException;
import io.eddy.streams.kstream.KTable;
import io.eddy.streams.kstream.Materialized;
import io.eddy.streams.kstream.Named;
import io.eddy.streams.kstream.TableJoined;
import io.eddy.streams.kstream.ValueJoiner;
import io.eddy.streams.processor.api.Processor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.ProcessorSupplier;
import io.eddy.streams.processor.api.Record;
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
 * <p>Foreign-key joins ({@link KTableKTableForeignKeyJoin}) use the same layout plus a subscription store
 * {@code <name or path>-subscription-store}. They are computed inside one task, so every task but partition 0 fails
 * at start with a {@link StreamsException}: both tables' source topics must have one partition.
 *
 * <p>Both parents are asked for old values (for exact tombstones), which materializes unmaterialized source tables.
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
        if (userName == null) {
            b.unnamed(operator + " '" + node + "'", "state store '" + subscriptions + "'", "TableJoined.as(...)");
        }
        boolean parentsSendOldValues = left.enableSendingOldValues(true) & right.enableSendingOldValues(true);
        KTableValueGetterSupplier<K, V> leftView = left.valueGetterSupplier();
        KTableValueGetterSupplier<KO, VO> rightView = right.valueGetterSupplier();
        KTableKTableForeignKeyJoin<K, V, KO, VO, VR> join = new KTableKTableForeignKeyJoin<>(leftView, rightView,
                subscriptions, foreignKeyExtractor, joiner, leftJoin, left.keySerde(), right.keySerde(),
                parentsSendOldValues);
        Set<String> topics = new LinkedHashSet<>(b.sourceTopics(left.name()));
        topics.addAll(b.sourceTopics(right.name()));
        String thisNode = b.uniqueName(node + "-this");
        String otherNode = b.uniqueName(node + "-other");
        b.internal().addProcessor(thisNode, new SingleTask<>(join.leftSide(), node, topics), left.name());
        b.internal().connectProcessorAndStateStores(thisNode, rightView.storeNames());
        b.internal().addProcessor(otherNode, new SingleTask<>(join.rightSide(), node, topics), right.name());
        b.internal().connectProcessorAndStateStores(otherNode, leftView.storeNames());
        b.internal().addStateStore(KTableKTableForeignKeyJoin.subscriptionStoreBuilder(subscriptions, true), thisNode,
                otherNode);
        b.registerDroppedRecords(node, join::droppedRecords);
        KTableValueGetterSupplier<K, VR> computed = new ComputedView<>(leftView, rightView, (getters, key) -> {
            ValueAndTimestamp<V> l = getters.left().get(key);
            if (l == null) {
                return null;
            }
            KO fk = foreignKeyExtractor.apply(key, l.value());
            ValueAndTimestamp<VO> r = fk == null ? null : getters.right().get(fk);
            if (r != null) {
                return ValueAndTimestamp.make(joiner.apply(l.value(), r.value()), Math.max(l.timestamp(),
                        r.timestamp()));
            }
            return leftJoin ? ValueAndTimestamp.make(joiner.apply(l.value(), null), l.timestamp()) : null;
        });
        return result(left, node, path, new MaterializedInternal<>(materialized), operator, computed,
                join::enableSendingOldValues, thisNode, otherNode);
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

    /**
     * Fails the task at init unless it is partition 0: a processor that is only correct when one task sees all the
     * records of its inputs.
     */
    private record SingleTask<KIn, VIn, KOut, VOut>(ProcessorSupplier<KIn, VIn, KOut, VOut> inner, String join,
                                                    Set<String> topics)
            implements ProcessorSupplier<KIn, VIn, KOut, VOut> {
        @Override
        public Processor<KIn, VIn, KOut, VOut> get() {
            Processor<KIn, VIn, KOut, VOut> p = inner.get();
            return new Processor<>() {
                @Override
                public void init(ProcessorContext<KOut, VOut> context) {
                    if (context.taskId().partition() != 0) {
                        throw new StreamsException("foreign-key join '" + join + "' is computed inside one task and"
                                + " needs single-partition inputs, but its source topics " + topics + " have more"
                                + " than one partition (task " + context.taskId() + " exists); Eddy does not"
                                + " implement Kafka Streams' subscription/response repartitioning");
                    }
                    p.init(context);
                }

                @Override
                public void process(Record<KIn, VIn> record) {
                    p.process(record);
                }

                @Override
                public void close() {
                    p.close();
                }
            };
        }
    }
}
