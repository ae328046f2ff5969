package io.eddy.streams.kstream;

import io.eddy.serialization.Bytes;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueStore;

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
}
