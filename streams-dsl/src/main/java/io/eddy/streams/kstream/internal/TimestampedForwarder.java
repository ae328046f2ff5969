package io.eddy.streams.kstream.internal;

import io.eddy.state.CachedStateStore;
import io.eddy.state.StateStore;
import io.eddy.state.ValueAndTimestamp;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.Record;

/**
 * Forwards a KTable operator's updates: through the store's record cache when it has one (the cache's flush listener
 * forwards one deduplicated update per key on flush/eviction, or at once when the cache size is 0), directly
 * otherwise.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class TimestampedForwarder<K, V> {
    private final ProcessorContext<K, Change<V>> context;
    private final boolean cached;

    /**
     * @param store the operator's store (as returned by {@code getStateStore})
     * @param context the operator's context
     * @param sendOldValues whether old values are forwarded
     */
    @SuppressWarnings("unchecked")
    public TimestampedForwarder(StateStore store, ProcessorContext<K, Change<V>> context, boolean sendOldValues) {
        this.context = context;
        if (store instanceof CachedStateStore<?, ?> c) {
            cached = ((CachedStateStore<K, ValueAndTimestamp<V>>) c).setFlushListener((key, newValue, oldValue, ts) ->
                    context.forward(new Record<>(key, new Change<>(ValueAndTimestamp.getValueOrNull(newValue),
                            sendOldValues ? ValueAndTimestamp.getValueOrNull(oldValue) : null),
                            newValue != null ? newValue.timestamp() : ts)), sendOldValues);
        } else {
            cached = false;
        }
    }

    /** @param record forwarded now unless the cache forwards it on flush */
    public void maybeForward(Record<K, Change<V>> record) {
        if (!cached) {
            context.forward(record);
        }
    }
}
