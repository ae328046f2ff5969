package io.eddy.streams.kstream;

import io.eddy.serialization.Bytes;
import io.eddy.state.KeyValueStore;

/**
 * A table regrouped by a new key, ready for aggregation, as Kafka Streams' {@code KGroupedTable}. Each update of the
 * source table first retracts its old row through the subtractor (in the old row's group), then adds the new row
 * through the adder (in the new row's group).
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface KGroupedTable<K, V> {
    /** @return the number of rows per group */
    KTable<K, Long> count();

    /** @param named node name @return the number of rows per group */
    KTable<K, Long> count(Named named);

    /** @param materialized its store @return the number of rows per group */
    KTable<K, Long> count(Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized);

    /** @param named node name @param materialized its store @return the number of rows per group */
    KTable<K, Long> count(Named named, Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized);

    /** @param adder adds a row @param subtractor retracts a row @return the combined value per group */
    KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor);

    /**
     * @param adder adds a row
     * @param subtractor retracts a row
     * @param materialized its store
     * @return the combined value per group
     */
    KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor,
                        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * @param adder adds a row
     * @param subtractor retracts a row
     * @param named node name
     * @param materialized its store
     * @return the combined value per group
     */
    KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor, Named named,
                        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * @param initializer the initial aggregate
     * @param adder adds a row
     * @param subtractor retracts a row
     * @param <VR> aggregate type
     * @return the aggregate per group
     */
    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                 Aggregator<? super K, ? super V, VR> subtractor);

    /**
     * @param initializer the initial aggregate
     * @param adder adds a row
     * @param subtractor retracts a row
     * @param materialized its store
     * @param <VR> aggregate type
     * @return the aggregate per group
     */
    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                 Aggregator<? super K, ? super V, VR> subtractor,
                                 Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * @param initializer the initial aggregate
     * @param adder adds a row
     * @param subtractor retracts a row
     * @param named node name
     * @param materialized its store
     * @param <VR> aggregate type
     * @return the aggregate per group
     */
    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                 Aggregator<? super K, ? super V, VR> subtractor, Named named,
                                 Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);
}
