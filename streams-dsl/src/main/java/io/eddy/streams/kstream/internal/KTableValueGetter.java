package io.eddy.streams.kstream.internal;

import io.eddy.state.ValueAndTimestamp;
import io.eddy.streams.processor.api.ProcessorContext;

/**
 * Reads a KTable's current value of a key from inside a processor of the same task (for joins): from the table's
 * store, or computed from its parent's getter for an unmaterialized filter or mapValues.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface KTableValueGetter<K, V> {
    /** @param context the context of the processor using this getter (connected to its stores) */
    void init(ProcessorContext<?, ?> context);

    /**
     * @param key the key
     * @return the value and its timestamp, or null if absent
     */
    ValueAndTimestamp<V> get(K key);

    /** Releases nothing by default. */
    default void close() {
    }
}
