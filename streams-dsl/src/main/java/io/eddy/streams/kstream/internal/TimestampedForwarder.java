package io.eddy.streams.kstream.internal;

import io.eddy.log.Headers;
import io.eddy.state.CachedStateStore;
import io.eddy.state.StateStore;
import io.eddy.state.ValueAndTimestamp;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.Record;

/**
 * Forwards a KTable operator's updates as {@link Change}s, as Kafka Streams' {@code TimestampedTupleForwarder}:
 * through the store's record cache when it has one (the cache's flush listener forwards one deduplicated update per
 * key on flush/eviction, or at once when the cache size is 0, and {@link #maybeForward} does nothing), directly
 * otherwise.
 *
 * <p>A cached update carries the timestamp stored with the value for timestamped stores (key-value and window
 * stores), else the timestamp of the record that last updated the key (session stores, deletes).
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class TimestampedForwarder<K, V> {
    private final ProcessorContext<K, Change<V>> context;
    private final boolean cached;

    /**
     * For stores whose values are {@link ValueAndTimestamp}s (timestamped key-value and window stores).
     *
     * @param store the operator's store (as returned by {@code getStateStore}); if cached, its flush listener is
     *     installed here
     * @param context the operator's context
     * @param sendOldValues whether old values are forwarded
     */
    public TimestampedForwarder(StateStore store, ProcessorContext<K, Change<V>> context, boolean sendOldValues) {
        this(store, context, sendOldValues, true);
    }

    /**
     * @param store the operator's store; if cached, its flush listener is installed here
     * @param context the operator's context
     * @param sendOldValues whether old values are forwarded
     * @param timestamped whether the store's values are {@link ValueAndTimestamp}s, or plain values (session stores)
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public TimestampedForwarder(StateStore store, ProcessorContext<K, Change<V>> context, boolean sendOldValues,
                                boolean timestamped) {
        this.context = context;
        if (store instanceof CachedStateStore c) {
            cached = c.setFlushListener((key, newValue, oldValue, ts) -> {
                Object n = timestamped ? ValueAndTimestamp.getValueOrNull((ValueAndTimestamp) newValue) : newValue;
                Object o = timestamped ? ValueAndTimestamp.getValueOrNull((ValueAndTimestamp) oldValue) : oldValue;
                long t = timestamped && newValue != null ? ((ValueAndTimestamp) newValue).timestamp() : ts;
                context.forward(new Record<>((K) key, new Change<>((V) n, sendOldValues ? (V) o : null), t));
            }, sendOldValues);
        } else {
            cached = false;
        }
    }

    /**
     * Forwards {@code Change(newValue, oldValue)} now unless the cache forwards it on flush; the record is built only
     * when forwarded, since a cached operator calls this for every update it makes.
     *
     * @param key the key
     * @param newValue the new value
     * @param oldValue the old value (null unless old values are sent)
     * @param timestamp the record timestamp
     * @param headers the record headers
     */
    public void maybeForward(K key, V newValue, V oldValue, long timestamp, Headers headers) {
        if (!cached) {
            context.forward(new Record<>(key, new Change<>(newValue, oldValue), timestamp, headers));
        }
    }

    /** @param record forwarded now unless the cache forwards it on flush */
    public void maybeForward(Record<K, Change<V>> record) {
        if (!cached) {
            context.forward(record);
        }
    }
}
