package io.eddy.streams.kstream;

import io.eddy.serialization.Bytes;
import io.eddy.state.SessionStore;
import io.eddy.state.Windowed;

/**
 * A grouped stream cut into sessions, as Kafka Streams' {@code SessionWindowedKStream}; obtain one from
 * {@link KGroupedStream#windowedBy(SessionWindows)}.
 *
 * <p>A record at {@code t} joins every session of its key that ends at or after {@code t - gap} and starts at or
 * before {@code t + gap}; sessions it bridges are merged (their aggregates combined with the {@link Merger}). The
 * result {@code KTable<Windowed<K>, V>} is keyed by session; a merge forwards a tombstone for each session merged
 * away, then the merged session. A record whose session would end before {@code streamTime - gap - grace} is late
 * and dropped, as are records with a null key or value.
 *
 * <p>Store retention is {@link Materialized#withRetention} if given, else {@code gap + grace}; a shorter retention
 * fails with {@link IllegalArgumentException}.
 *
 * <p>By default ({@link EmitStrategy#onWindowUpdate()}) the table forwards every update and tombstone as above. With
 * {@link #emitStrategy(EmitStrategy) emitStrategy(EmitStrategy.onWindowClose())} it forwards each session's final
 * aggregate only, once, when stream time closes it: when {@code streamTime > sessionEnd + gap + grace} (the point
 * from which a record that would only extend it is late). Sessions merged away are not forwarded, and a closed session
 * is final: a later record within the gap of it starts or joins another session instead of merging it.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface SessionWindowedKStream<K, V> {

    /**
     * Sets when the following {@code count}, {@code reduce} and {@code aggregate} of this session-windowed stream
     * forward their results, as Kafka Streams' {@code SessionWindowedKStream.emitStrategy}. With
     * {@link EmitStrategy#onWindowClose()} the resulting table forwards neither intermediate results nor tombstones of
     * merged sessions: each session's final aggregate is forwarded once, when stream time (the task's, including the
     * record being processed) passes {@code sessionEnd + gap + grace}, with the session end as timestamp and no old
     * value, sessions closing together in end then key order; a restart neither forwards a session again nor loses one.
     * Such an aggregation's store has no record cache. {@link EmitStrategy#onWindowUpdate()} is the default.
     *
     * @param emitStrategy the strategy, not null
     * @return this windowed stream (its strategy now {@code emitStrategy})
     * @throws NullPointerException if {@code emitStrategy} or its type is null
     */
    SessionWindowedKStream<K, V> emitStrategy(EmitStrategy emitStrategy);

    /** @return the number of records per session */
    KTable<Windowed<K>, Long> count();

    /** @param named the processor name @return the number of records per session */
    KTable<Windowed<K>, Long> count(Named named);

    /** @param materialized the store settings @return the number of records per session */
    KTable<Windowed<K>, Long> count(Materialized<K, Long, SessionStore<Bytes, byte[]>> materialized);

    /**
     * @param named the processor name
     * @param materialized the store settings
     * @return the number of records per session
     */
    KTable<Windowed<K>, Long> count(Named named, Materialized<K, Long, SessionStore<Bytes, byte[]>> materialized);

    /**
     * @param initializer the aggregate of a new session
     * @param aggregator adds a record to a session's aggregate
     * @param sessionMerger combines the aggregates of two sessions being merged
     * @param <VR> aggregate type
     * @return the aggregate per session
     */
    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Merger<? super K, VR> sessionMerger);

    /** As {@link #aggregate(Initializer, Aggregator, Merger)}, with a processor name. */
    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Merger<? super K, VR> sessionMerger, Named named);

    /** As {@link #aggregate(Initializer, Aggregator, Merger)}, with store settings. */
    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Merger<? super K, VR> sessionMerger,
                                           Materialized<K, VR, SessionStore<Bytes, byte[]>> materialized);

    /** As {@link #aggregate(Initializer, Aggregator, Merger)}, with a processor name and store settings. */
    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Merger<? super K, VR> sessionMerger, Named named,
                                           Materialized<K, VR, SessionStore<Bytes, byte[]>> materialized);

    /**
     * @param reducer combines a session's aggregate with a new value, and the aggregates of merged sessions
     * @return the reduced value per session
     */
    KTable<Windowed<K>, V> reduce(Reducer<V> reducer);

    /** As {@link #reduce(Reducer)}, with a processor name. */
    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named);

    /** As {@link #reduce(Reducer)}, with store settings. */
    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Materialized<K, V, SessionStore<Bytes, byte[]>> materialized);

    /** As {@link #reduce(Reducer)}, with a processor name and store settings. */
    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named,
                                  Materialized<K, V, SessionStore<Bytes, byte[]>> materialized);
}
