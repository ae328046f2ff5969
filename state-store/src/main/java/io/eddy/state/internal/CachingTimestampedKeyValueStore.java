package io.eddy.state.internal;

import io.eddy.state.TimestampedKeyValueStore;
import io.eddy.state.ValueAndTimestamp;

/**
 * The record cache of a timestamped key-value store: as {@link CachingKeyValueStore}, with each write carrying the
 * timestamp of its {@link ValueAndTimestamp} (deletes carry the current record timestamp).
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class CachingTimestampedKeyValueStore<K, V> extends CachingKeyValueStore<K, ValueAndTimestamp<V>>
        implements TimestampedKeyValueStore<K, V> {

    /** @param store the typed timestamped facade below the cache */
    public CachingTimestampedKeyValueStore(SerializingTimestampedKeyValueStore<K, V> store) {
        super(store);
    }

    @Override
    protected long timestampOf(ValueAndTimestamp<V> value) {
        return value == null ? super.timestampOf(null) : value.timestamp();
    }
}
