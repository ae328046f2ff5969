package io.eddy.streams.kstream;

import io.eddy.serialization.Bytes;
import io.eddy.state.WindowStore;
import io.eddy.state.Windowed;

/**
 * Cogrouped streams cut into time windows (tumbling, hopping or sliding), as Kafka Streams'
 * {@code TimeWindowedCogroupedKStream}; obtain one from {@link CogroupedKStream#windowedBy(Windows)} or
 * {@link CogroupedKStream#windowedBy(SlidingWindows)}.
 *
 * <p>A record from any input is folded, with its input's aggregator, into every open window of its key that contains
 * it, in one shared timestamped window store; window bounds, grace, late records (dropped), result timestamps (the
 * window's largest record timestamp), caching and store retention are exactly those of {@link TimeWindowedKStream}.
 * The store is named by {@link Materialized#as(String)}, else {@code <path>-store} with the path
 * {@code <first input's path>.cogroup.timeWindows.aggregate} ({@code slidingWindows} for sliding windows) or the
 * {@link Named} name.
 *
 * @param <K> key type
 * @param <V> aggregate type
 */
public interface TimeWindowedCogroupedKStream<K, V> {

    /**
     * @param initializer the aggregate of a new window
     * @return the aggregate per key and window
     * @throws NullPointerException if {@code initializer} is null
     */
    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer);

    /**
     * As {@link #aggregate(Initializer)}, with a name for the processor nodes and the derived store name.
     *
     * @param initializer the aggregate of a new window
     * @param named the name
     * @return the aggregate per key and window
     */
    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Named named);

    /**
     * As {@link #aggregate(Initializer)}, with store settings (name, serdes, retention, supplier, caching, logging).
     *
     * @param initializer the aggregate of a new window
     * @param materialized the store settings
     * @return the aggregate per key and window
     * @throws IllegalArgumentException if the retention is shorter than the windows need
     */
    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer,
                                     Materialized<K, V, WindowStore<Bytes, byte[]>> materialized);

    /**
     * As {@link #aggregate(Initializer)}, with a name for the processor nodes and store settings.
     *
     * @param initializer the aggregate of a new window
     * @param named the name
     * @param materialized the store settings
     * @return the aggregate per key and window
     * @throws IllegalArgumentException if the retention is shorter than the windows need
     */
    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Named named,
                                     Materialized<K, V, WindowStore<Bytes, byte[]>> materialized);
}
