package io.eddy.streams.kstream;

import io.eddy.serialization.Bytes;
import io.eddy.state.WindowStore;
import io.eddy.state.Windowed;

/**
 * A grouped stream cut into time windows (tumbling, hopping or sliding), as Kafka Streams'
 * {@code TimeWindowedKStream}; obtain one from {@link KGroupedStream#windowedBy(Windows)} or
 * {@link KGroupedStream#windowedBy(SlidingWindows)}.
 *
 * <p>Each aggregation keeps one aggregate per key and window in a timestamped window store and returns a
 * {@code KTable<Windowed<K>, V>} whose updates carry the window's largest record timestamp. A record is added to every
 * window containing its timestamp that is still open; a window is closed once
 * {@code windowEnd <= streamTime - grace}. Records for closed windows only (late records), and records with a null
 * key or value, are dropped. With caching enabled (the default) updates are deduplicated per window until the next
 * commit; suppress with {@link KTable#suppress(Suppressed)} for one final result per window.
 *
 * <p>Store retention is {@link Materialized#withRetention} if given, else {@code size + grace}
 * ({@code 2 * timeDifference + grace} for sliding windows); a shorter retention fails with
 * {@link IllegalArgumentException}. The store is named by {@link Materialized#as(String)}, else
 * {@code <path>-store}.
 *
 * <p>By default ({@link EmitStrategy#onWindowUpdate()}) the table forwards every update as above. With
 * {@link #emitStrategy(EmitStrategy) emitStrategy(EmitStrategy.onWindowClose())} it forwards each window's final
 * aggregate only, once, when stream time closes the window: time windows when {@code streamTime >= windowEnd + grace},
 * sliding windows (whose end is inclusive) when {@code streamTime > windowEnd + grace}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface TimeWindowedKStream<K, V> {

    /**
     * Sets when the following {@code count}, {@code reduce} and {@code aggregate} of this windowed stream forward
     * their results, as Kafka Streams' {@code TimeWindowedKStream.emitStrategy}. With
     * {@link EmitStrategy#onWindowClose()} the resulting table forwards no intermediate result: each window's final
     * aggregate is forwarded once, when stream time (the task's, including the record being processed) closes the
     * window, with the window's timestamp and no old value, windows closing together in window-end then key order;
     * a window whose records were all late is never forwarded, and a restart neither forwards a window again nor loses
     * one. Such an aggregation's store has no record cache. {@link EmitStrategy#onWindowUpdate()} is the default.
     *
     * @param emitStrategy the strategy, not null
     * @return this windowed stream (its strategy now {@code emitStrategy})
     * @throws NullPointerException if {@code emitStrategy} or its type is null
     */
    TimeWindowedKStream<K, V> emitStrategy(EmitStrategy emitStrategy);

    /** @return the number of records per key and window */
    KTable<Windowed<K>, Long> count();

    /** @param named the processor name @return the number of records per key and window */
    KTable<Windowed<K>, Long> count(Named named);

    /** @param materialized the store settings @return the number of records per key and window */
    KTable<Windowed<K>, Long> count(Materialized<K, Long, WindowStore<Bytes, byte[]>> materialized);

    /**
     * @param named the processor name
     * @param materialized the store settings
     * @return the number of records per key and window
     */
    KTable<Windowed<K>, Long> count(Named named, Materialized<K, Long, WindowStore<Bytes, byte[]>> materialized);

    /**
     * @param initializer the aggregate of a new window
     * @param aggregator adds a record to a window's aggregate
     * @param <VR> aggregate type
     * @return the aggregate per key and window
     */
    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
                                           Aggregator<? super K, ? super V, VR> aggregator);

    /** As {@link #aggregate(Initializer, Aggregator)}, with a processor name. */
    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Named named);

    /** As {@link #aggregate(Initializer, Aggregator)}, with store settings. */
    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Materialized<K, VR, WindowStore<Bytes, byte[]>> materialized);

    /** As {@link #aggregate(Initializer, Aggregator)}, with a processor name and store settings. */
    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Named named, Materialized<K, VR, WindowStore<Bytes, byte[]>> materialized);

    /**
     * @param reducer combines a window's aggregate with a new value (the first value starts the aggregate)
     * @return the reduced value per key and window
     */
    KTable<Windowed<K>, V> reduce(Reducer<V> reducer);

    /** As {@link #reduce(Reducer)}, with a processor name. */
    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named);

    /** As {@link #reduce(Reducer)}, with store settings. */
    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Materialized<K, V, WindowStore<Bytes, byte[]>> materialized);

    /** As {@link #reduce(Reducer)}, with a processor name and store settings. */
    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named,
                                  Materialized<K, V, WindowStore<Bytes, byte[]>> materialized);
}
