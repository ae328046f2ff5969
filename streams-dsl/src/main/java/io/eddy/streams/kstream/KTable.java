package io.eddy.streams.kstream;

import io.eddy.serialization.Bytes;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueStore;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A changelog stream seen as a table: the latest value of each key, where a null value deletes the key, as Kafka
 * Streams' {@code KTable}. Operators forward each update downstream as a new and (when needed) old value. A table
 * whose store has a record cache forwards one update per key per commit; otherwise every update.
 *
 * <p>{@code filter} follows Kafka Streams: a value that fails the predicate becomes a delete (a tombstone goes
 * downstream, since the key may have had a row), and with old values known, an update that neither had nor has a
 * row forwards nothing.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface KTable<K, V> {

    /** @param predicate keeps matching rows @return the filtered table */
    KTable<K, V> filter(Predicate<? super K, ? super V> predicate);

    /** @param predicate keeps matching rows @param named node name @return the filtered table */
    KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Named named);

    /** @param predicate keeps matching rows @param materialized its store @return the filtered table */
    KTable<K, V> filter(Predicate<? super K, ? super V> predicate,
                        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * @param predicate keeps matching rows
     * @param named node name
     * @param materialized its store
     * @return the filtered table
     */
    KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Named named,
                        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    /** @param predicate drops matching rows @return the filtered table */
    KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate);

    /** @param predicate drops matching rows @param named node name @return the filtered table */
    KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named);

    /** @param predicate drops matching rows @param materialized its store @return the filtered table */
    KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate,
                           Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * @param predicate drops matching rows
     * @param named node name
     * @param materialized its store
     * @return the filtered table
     */
    KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named,
                           Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    /** @param mapper the new value @param <VR> its type @return the mapped table */
    <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper);

    /** @param mapper the new value @param named node name @param <VR> its type @return the mapped table */
    <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named);

    /** @param mapper the new value from key and value @param <VR> its type @return the mapped table */
    <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper);

    /**
     * @param mapper the new value from key and value
     * @param named node name
     * @param <VR> its type
     * @return the mapped table
     */
    <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named);

    /**
     * @param mapper the new value
     * @param materialized its store
     * @param <VR> its type
     * @return the mapped table
     */
    <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper,
                                 Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * @param mapper the new value
     * @param named node name
     * @param materialized its store
     * @param <VR> its type
     * @return the mapped table
     */
    <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named,
                                 Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * @param mapper the new value from key and value
     * @param materialized its store
     * @param <VR> its type
     * @return the mapped table
     */
    <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper,
                                 Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * @param mapper the new value from key and value
     * @param named node name
     * @param materialized its store
     * @param <VR> its type
     * @return the mapped table
     */
    <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named,
                                 Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** @return the table's updates as a stream; deletes are records with a null value */
    KStream<K, V> toStream();

    /** @param named node name @return the table's updates as a stream */
    KStream<K, V> toStream(Named named);

    /**
     * @param mapper the stream's key
     * @param <KR> its type
     * @return the table's updates as a re-keyed stream (needs repartitioning)
     */
    <KR> KStream<KR, V> toStream(KeyValueMapper<? super K, ? super V, ? extends KR> mapper);

    /**
     * @param mapper the stream's key
     * @param named node name
     * @param <KR> its type
     * @return the table's updates as a re-keyed stream
     */
    <KR> KStream<KR, V> toStream(KeyValueMapper<? super K, ? super V, ? extends KR> mapper, Named named);

    /**
     * Regroups the rows by a new key (always through a repartition topic); each update retracts the old row from
     * its old group and adds the new row to its new group.
     *
     * @param selector the new key and value of a row
     * @param <KR> new key type
     * @param <VR> new value type
     * @return the regrouped table
     */
    <KR, VR> KGroupedTable<KR, VR> groupBy(KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector);

    /**
     * @param selector the new key and value of a row
     * @param grouped serdes and repartition name
     * @param <KR> new key type
     * @param <VR> new value type
     * @return the regrouped table
     */
    <KR, VR> KGroupedTable<KR, VR> groupBy(KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector,
                                           Grouped<KR, VR> grouped);

    /** @return the name of the store the user materialized this table in, or null */
    String queryableStoreName();

    /**
     * Holds back updates, as Kafka Streams' {@code suppress}: {@code untilWindowCloses} forwards each window's final
     * result once, when stream time reaches the window end plus the upstream windows' grace period (plus the
     * inactivity gap for sessions), and needs a windowed table; {@code untilTimeLimit} forwards a key's latest value
     * once stream time has passed its first buffered update by the time limit. Emission is driven by stream time
     * (new records), not wall-clock time.
     *
     * @param suppressed the suppression
     * @return the suppressed table
     * @throws io.eddy.streams.errors.TopologyException for {@code untilWindowCloses} on a table that is not windowed
     */
    KTable<K, V> suppress(Suppressed<? super K> suppressed);

    // ---- primary-key joins: each side's update looks up the other table's current value; a result's timestamp is
    // the larger of the two values'; deleting a side forwards a tombstone where a result existed. ----------------

    /** Inner join on the primary key. */
    <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    /** Inner join on the primary key, with a processor name. */
    <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                Named named);

    /** Inner join on the primary key, materialized. */
    <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** Inner join on the primary key, with a processor name, materialized. */
    <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                Named named, Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** Left join on the primary key. */
    <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    /** Left join on the primary key, with a processor name. */
    <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                Named named);

    /** Left join on the primary key, materialized. */
    <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** Left join on the primary key, with a processor name, materialized. */
    <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                Named named, Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** Outer join on the primary key. */
    <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    /** Outer join on the primary key, with a processor name. */
    <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                Named named);

    /** Outer join on the primary key, materialized. */
    <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** Outer join on the primary key, with a processor name, materialized. */
    <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                Named named, Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    // ---- foreign-key joins: each left value joins the right value under foreignKeyExtractor(value) (or (key,
    // value)); results are keyed by the left key. As in Kafka Streams, subscriptions and responses travel through
    // two internal repartition topics, so the tables may have any (and different) partition counts; the result is
    // always materialized. -------------------------------------------------------------------------------------

    /** Inner foreign-key join, the foreign key extracted from the left value. */
    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other,
                                    Function<? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    /** Inner foreign-key join, the foreign key extracted from the left value, named by {@code tableJoined}. */
    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other,
                                    Function<? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    TableJoined<K, KO> tableJoined);

    /** Inner foreign-key join, the foreign key extracted from the left value, materialized. */
    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other,
                                    Function<? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** Inner foreign-key join, the foreign key extracted from the left value, named and materialized. */
    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other,
                                    Function<? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    TableJoined<K, KO> tableJoined,
                                    Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** Inner foreign-key join, the foreign key extracted from the left key and value. */
    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other,
                                    BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    /** Inner foreign-key join, the foreign key extracted from the left key and value, named by {@code tableJoined}. */
    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other,
                                    BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    TableJoined<K, KO> tableJoined);

    /** Inner foreign-key join, the foreign key extracted from the left key and value, materialized. */
    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other,
                                    BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** Inner foreign-key join, the foreign key extracted from the left key and value, named and materialized. */
    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other,
                                    BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    TableJoined<K, KO> tableJoined,
                                    Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** Left foreign-key join, the foreign key extracted from the left value. */
    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
                                        Function<? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    /** Left foreign-key join, the foreign key extracted from the left value, named by {@code tableJoined}. */
    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
                                        Function<? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    TableJoined<K, KO> tableJoined);

    /** Left foreign-key join, the foreign key extracted from the left value, materialized. */
    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
                                        Function<? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** Left foreign-key join, the foreign key extracted from the left value, named and materialized. */
    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
                                        Function<? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    TableJoined<K, KO> tableJoined,
                                    Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** Left foreign-key join, the foreign key extracted from the left key and value. */
    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
                                        BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    /** Left foreign-key join, the foreign key extracted from the left key and value, named by {@code tableJoined}. */
    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
                                        BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    TableJoined<K, KO> tableJoined);

    /** Left foreign-key join, the foreign key extracted from the left key and value, materialized. */
    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
                                        BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** Left foreign-key join, the foreign key extracted from the left key and value, named and materialized. */
    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
                                        BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    TableJoined<K, KO> tableJoined,
                                    Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);
}
