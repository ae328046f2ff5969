package io.eddy.streams.kstream.internal;

import io.eddy.streams.kstream.Aggregator;
import io.eddy.streams.kstream.Initializer;
import io.eddy.streams.kstream.Merger;
import io.eddy.streams.kstream.Reducer;

/**
 * The initializers, aggregators and mergers through which {@code count} and {@code reduce} run on the aggregation
 * processors, as Kafka Streams builds them: a count starts at 0 and adds one per record; a reduce starts at null and
 * takes the first value as is.
 */
public final class AggregationFunctions {

    private AggregationFunctions() {
    }

    /** @return an initializer returning 0 */
    public static Initializer<Long> countInitializer() {
        return () -> 0L;
    }

    /**
     * @param <K> key type
     * @param <V> value type
     * @return an aggregator adding one
     */
    public static <K, V> Aggregator<K, V, Long> countAggregator() {
        return (key, value, aggregate) -> aggregate + 1;
    }

    /**
     * @param <K> key type
     * @return a session merger adding the counts
     */
    public static <K> Merger<K, Long> countMerger() {
        return (key, one, two) -> one + two;
    }

    /**
     * @param <V> value type
     * @return an initializer returning null, so the first value is the first aggregate
     */
    public static <V> Initializer<V> reduceInitializer() {
        return () -> null;
    }

    /**
     * @param reducer the user's reducer
     * @param <K> key type
     * @param <V> value type
     * @return an aggregator applying {@code reducer}, or taking the value as is when the aggregate is null
     */
    public static <K, V> Aggregator<K, V, V> reduceAggregator(Reducer<V> reducer) {
        return (key, value, aggregate) -> aggregate == null ? value : reducer.apply(aggregate, value);
    }

    /**
     * @param reducer the user's reducer
     * @param <K> key type
     * @param <V> value type
     * @return a session merger applying {@code reducer} to two non-null aggregates
     */
    public static <K, V> Merger<K, V> reduceMerger(Reducer<V> reducer) {
        return (key, one, two) -> one == null ? two : two == null ? one : reducer.apply(one, two);
    }
}
