package io.eddy.streams.kstream;

import io.eddy.serialization.Bytes;
import io.eddy.state.SessionStore;
import io.eddy.state.Windowed;

/**
 * Cogrouped streams cut into sessions, as Kafka Streams' {@code SessionWindowedCogroupedKStream}; obtain one from
 * {@link CogroupedKStream#windowedBy(SessionWindows)}.
 *
 * <p>A record from any input joins (and may bridge) the sessions of its key in one shared session store and is folded
 * in with its input's aggregator; sessions it bridges are combined with the {@link Merger}, whichever inputs they came
 * from. Session bounds, merge tombstones, late records (dropped), result timestamps (the session end), caching and
 * store retention are exactly those of {@link SessionWindowedKStream}. The store is named by
 * {@link Materialized#as(String)}, else {@code <path>-store} with the path
 * {@code <first input's path>.cogroup.sessionWindows.aggregate} or the {@link Named} name.
 *
 * @param <K> key type
 * @param <V> aggregate type
 */
public interface SessionWindowedCogroupedKStream<K, V> {

    /**
     * @param initializer the aggregate of a new session
     * @param sessionMerger combines the aggregates of two sessions being merged
     * @return the aggregate per key and session
     * @throws NullPointerException if an argument is null
     */
    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger);

    /**
     * As {@link #aggregate(Initializer, Merger)}, with a name for the processor nodes and the derived store name.
     *
     * @param initializer the aggregate of a new session
     * @param sessionMerger combines the aggregates of two sessions being merged
     * @param named the name
     * @return the aggregate per key and session
     */
    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger, Named named);

    /**
     * As {@link #aggregate(Initializer, Merger)}, with store settings (name, serdes, retention, supplier, caching,
     * logging).
     *
     * @param initializer the aggregate of a new session
     * @param sessionMerger combines the aggregates of two sessions being merged
     * @param materialized the store settings
     * @return the aggregate per key and session
     * @throws IllegalArgumentException if the retention is shorter than gap plus grace
     */
    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger,
                                     Materialized<K, V, SessionStore<Bytes, byte[]>> materialized);

    /**
     * As {@link #aggregate(Initializer, Merger)}, with a name for the processor nodes and store settings.
     *
     * @param initializer the aggregate of a new session
     * @param sessionMerger combines the aggregates of two sessions being merged
     * @param named the name
     * @param materialized the store settings
     * @return the aggregate per key and session
     * @throws IllegalArgumentException if the retention is shorter than gap plus grace
     */
    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger, Named named,
                                     Materialized<K, V, SessionStore<Bytes, byte[]>> materialized);
}
