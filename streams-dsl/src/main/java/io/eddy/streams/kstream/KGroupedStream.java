package io.eddy.streams.kstream;

import io.eddy.serialization.Bytes;
import io.eddy.state.KeyValueStore;
import io.eddy.state.Window;

/**
 * A stream grouped by key, ready for aggregation, as Kafka Streams' {@code KGroupedStream}. Aggregations skip records
 * with a null key or value, keep their result in a timestamped key-value store (RocksDB unless the Materialized says
 * otherwise, with a record cache and a changelog by default) and stamp each result with the largest timestamp
 * aggregated into it.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface KGroupedStream<K, V> {
    /** @return the number of records per key */
    KTable<K, Long> count();

    /** @param named node name @return the number of records per key */
    KTable<K, Long> count(Named named);

    /** @param materialized its store @return the number of records per key */
    KTable<K, Long> count(Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized);

    /** @param named node name @param materialized its store @return the number of records per key */
    KTable<K, Long> count(Named named, Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized);

    /** @param reducer combines values @return the combined value per key */
    KTable<K, V> reduce(Reducer<V> reducer);

    /** @param reducer combines values @param materialized its store @return the combined value per key */
    KTable<K, V> reduce(Reducer<V> reducer, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * @param reducer combines values
     * @param named node name
     * @param materialized its store
     * @return the combined value per key
     */
    KTable<K, V> reduce(Reducer<V> reducer, Named named, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * @param initializer the initial aggregate
     * @param aggregator folds a value in
     * @param <VR> aggregate type
     * @return the aggregate per key
     */
    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator);

    /**
     * @param initializer the initial aggregate
     * @param aggregator folds a value in
     * @param materialized its store
     * @param <VR> aggregate type
     * @return the aggregate per key
     */
    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                 Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * @param initializer the initial aggregate
     * @param aggregator folds a value in
     * @param named node name
     * @param materialized its store
     * @param <VR> aggregate type
     * @return the aggregate per key
     */
    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                 Named named, Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * Starts a cogrouped aggregation: this grouped stream, folded into the aggregate with {@code aggregator}, plus the
     * grouped streams added with {@link CogroupedKStream#cogroup(KGroupedStream, Aggregator)}, all updating one
     * shared aggregate per key. Nothing is added to the topology until the cogrouped stream is aggregated.
     *
     * @param aggregator folds a value of this stream into the aggregate
     * @param <VOut> aggregate type
     * @return the cogrouped stream
     * @throws NullPointerException if {@code aggregator} is null
     */
    <VOut> CogroupedKStream<K, VOut> cogroup(Aggregator<? super K, ? super V, VOut> aggregator);

    /**
     * Cuts the grouped stream into fixed time windows (tumbling or hopping {@link TimeWindows}).
     *
     * @param windows the windows
     * @param <W> window type
     * @return the windowed stream, to aggregate
     */
    <W extends Window> TimeWindowedKStream<K, V> windowedBy(Windows<W> windows);

    /**
     * Cuts the grouped stream into sliding windows.
     *
     * @param windows the windows
     * @return the windowed stream, to aggregate
     */
    TimeWindowedKStream<K, V> windowedBy(SlidingWindows windows);

    /**
     * Cuts the grouped stream into sessions.
     *
     * @param windows the session windows
     * @return the session-windowed stream, to aggregate
     */
    SessionWindowedKStream<K, V> windowedBy(SessionWindows windows);
}
