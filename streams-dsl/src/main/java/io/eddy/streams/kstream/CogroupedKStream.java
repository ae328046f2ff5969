package io.eddy.streams.kstream;

import io.eddy.serialization.Bytes;
import io.eddy.state.KeyValueStore;
import io.eddy.state.Window;

/**
 * Several grouped streams with the same key type aggregated together into one result, as Kafka Streams'
 * {@code CogroupedKStream}; obtain one from {@link KGroupedStream#cogroup(Aggregator)} and add more grouped streams
 * with {@link #cogroup(KGroupedStream, Aggregator)}.
 *
 * <p>Every input folds its records into one shared aggregate per key (one store) with its own {@link Aggregator}; the
 * aggregate starts from the {@link Initializer} given to {@code aggregate}. A record from any input updates its key's
 * aggregate and the result table forwards the update, stamped with the largest timestamp aggregated into it. Records
 * with a null key or value are skipped, as by {@link KGroupedStream#aggregate}.
 *
 * <p>An input whose key may have changed since it was last partitioned is repartitioned first, through its own
 * repartition topic (the same topic its grouping uses for its other aggregations, named after its {@link Grouped}
 * name or its path). All inputs must be co-partitioned: their source topics must have equal partition counts, which
 * is checked when the application starts.
 *
 * <p>Names: the result's path is the {@link Named} name, else {@code <first input's path>.cogroup.aggregate}; its
 * store is the {@link Materialized#as(String)} name, else {@code <path>-store}. Each input gets a processor node
 * {@code <name>-cogroup-agg-<i>} ({@code i} counting inputs in the order they were cogrouped) feeding one node
 * {@code <name>-cogroup-merge}, the result table's node. With {@code eddy.require.explicit.names=true} an
 * aggregate without a store name, or an input needing an unnamed repartition topic, fails the build.
 *
 * <p>Serdes: the store (and the result table) uses the {@link Materialized}'s serdes; without them, the key serde of
 * the first input grouping that has one and the default value serde (Kryo unless configured otherwise).
 *
 * <p>{@code cogroup} adds to this instance and returns it, as in Kafka Streams: an aggregation covers the inputs
 * added before it was built.
 *
 * @param <K> key type
 * @param <VOut> aggregate type
 */
public interface CogroupedKStream<K, VOut> {

    /**
     * Adds a grouped stream to this cogrouped stream. Its records will be folded into the shared aggregate with
     * {@code aggregator}.
     *
     * @param groupedStream a grouped stream of the same {@link StreamsBuilder}, not yet part of this cogrouped stream
     * @param aggregator folds one of its values into the aggregate
     * @param <VIn> its value type
     * @return this cogrouped stream
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code groupedStream} is already part of this cogrouped stream or comes
     *     from another builder
     */
    <VIn> CogroupedKStream<K, VOut> cogroup(KGroupedStream<K, VIn> groupedStream,
                                            Aggregator<? super K, ? super VIn, VOut> aggregator);

    /**
     * Aggregates all inputs into one table, in a store named {@code <path>-store}.
     *
     * @param initializer the aggregate of a key before its first record
     * @return the aggregate per key, updated on every record of any input
     * @throws NullPointerException if {@code initializer} is null
     */
    KTable<K, VOut> aggregate(Initializer<VOut> initializer);

    /**
     * As {@link #aggregate(Initializer)}, with a name for the processor nodes and the derived store name.
     *
     * @param initializer the aggregate of a key before its first record
     * @param named the name
     * @return the aggregate per key
     */
    KTable<K, VOut> aggregate(Initializer<VOut> initializer, Named named);

    /**
     * As {@link #aggregate(Initializer)}, with store settings (name, serdes, supplier, caching, logging).
     *
     * @param initializer the aggregate of a key before its first record
     * @param materialized the store settings
     * @return the aggregate per key
     */
    KTable<K, VOut> aggregate(Initializer<VOut> initializer,
                              Materialized<K, VOut, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * As {@link #aggregate(Initializer)}, with a name for the processor nodes and store settings.
     *
     * @param initializer the aggregate of a key before its first record
     * @param named the name
     * @param materialized the store settings
     * @return the aggregate per key
     */
    KTable<K, VOut> aggregate(Initializer<VOut> initializer, Named named,
                              Materialized<K, VOut, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * Cuts the cogrouped streams into fixed time windows (tumbling or hopping {@link TimeWindows}); window, grace and
     * late-record rules are those of {@link TimeWindowedKStream}.
     *
     * @param windows the windows
     * @param <W> window type
     * @return the windowed cogrouped stream, to aggregate
     * @throws IllegalArgumentException for {@link JoinWindows}
     */
    <W extends Window> TimeWindowedCogroupedKStream<K, VOut> windowedBy(Windows<W> windows);

    /**
     * Cuts the cogrouped streams into sliding windows; window, grace and late-record rules are those of
     * {@link TimeWindowedKStream} over {@link SlidingWindows}.
     *
     * @param windows the windows
     * @return the windowed cogrouped stream, to aggregate
     */
    TimeWindowedCogroupedKStream<K, VOut> windowedBy(SlidingWindows windows);

    /**
     * Cuts the cogrouped streams into sessions; session, merge and late-record rules are those of
     * {@link SessionWindowedKStream}. A record from any input extends or bridges the sessions of its key.
     *
     * @param windows the session windows
     * @return the session-windowed cogrouped stream, to aggregate
     */
    SessionWindowedCogroupedKStream<K, VOut> windowedBy(SessionWindows windows);
}
