package io.eddy.streams.kstream.internal;

import io.eddy.state.CachedStateStore;
import io.eddy.state.StateStore;
import io.eddy.state.ValueAndTimestamp;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.Record;

/**
 * Forwards the updates of an aggregation's store downstream as {@link Change}s, as Kafka Streams'
 * {@code TimestampedTupleForwarder}: when the store has a record cache, updates are forwarded by the cache on flush or
 * eviction (deduplicated per key) and {@link #maybeForward} does nothing; otherwise {@link #maybeForward} forwards at
 * once.
 *
 * @param <K> the forwarded key type
 * @param <V> the aggregate type
 */
final class TimestampedChangeForwarder<K, V> {
    private final ProcessorContext<K, Change<V>> context;
    private final boolean cached;

    /**
     * @param store the aggregation's store; if cached, its flush listener is installed here
     * @param context the processor's context
     * @param sendOldValues whether forwarded changes carry old values
     * @param timestamped whether the store's values are {@link ValueAndTimestamp}s (window and key-value stores) or
     *     plain aggregates (session stores)
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    TimestampedChangeForwarder(StateStore store, ProcessorContext<K, Change<V>> context, boolean sendOldValues,
                               boolean timestamped) {
        this.context = context;
        if (store instanceof CachedStateStore cachedStore) {
            this.cached = cachedStore.setFlushListener((key, newValue, oldValue, timestamp) -> {
                Object n = timestamped ? ValueAndTimestamp.getValueOrNull((ValueAndTimestamp) newValue) : newValue;
                Object o = timestamped ? ValueAndTimestamp.getValueOrNull((ValueAndTimestamp) oldValue) : oldValue;
                context.forward(new Record<>((K) key, new Change<>((V) n, sendOldValues ? (V) o : null), timestamp));
            }, sendOldValues);
        } else {
            this.cached = false;
        }
    }

    /**
     * Forwards {@code record} unless the store's cache forwards updates itself.
     *
     * @param record the update
     */
    void maybeForward(Record<K, Change<V>> record) {
        if (!cached) {
            context.forward(record);
        }
    }
}
