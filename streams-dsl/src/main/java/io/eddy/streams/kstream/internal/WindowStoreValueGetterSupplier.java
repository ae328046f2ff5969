package io.eddy.streams.kstream.internal;

import io.eddy.state.SessionStore;
import io.eddy.state.TimestampedWindowStore;
import io.eddy.state.ValueAndTimestamp;
import io.eddy.state.Windowed;
import io.eddy.streams.processor.api.ProcessorContext;

/**
 * Reads a windowed aggregation's values by {@link Windowed} key: from its timestamped window store (by window start),
 * or from its session store (by session bounds; the value's timestamp is the session end).
 *
 * @param <K> key type
 * @param <V> aggregate type
 */
final class WindowStoreValueGetterSupplier<K, V> implements KTableValueGetterSupplier<Windowed<K>, V> {
    private final String storeName;
    private final boolean session;

    /**
     * @param storeName the aggregation's store
     * @param session whether it is a session store (else a timestamped window store)
     */
    WindowStoreValueGetterSupplier(String storeName, boolean session) {
        this.storeName = storeName;
        this.session = session;
    }

    @Override
    public KTableValueGetter<Windowed<K>, V> get() {
        return new KTableValueGetter<>() {
            private TimestampedWindowStore<K, V> windows;
            private SessionStore<K, V> sessions;

            @Override
            public void init(ProcessorContext<?, ?> context) {
                if (session) {
                    sessions = context.getStateStore(storeName);
                } else {
                    windows = context.getStateStore(storeName);
                }
            }

            @Override
            public ValueAndTimestamp<V> get(Windowed<K> key) {
                if (session) {
                    V v = sessions.fetchSession(key.key(), key.window().start(), key.window().end());
                    return ValueAndTimestamp.make(v, key.window().end());
                }
                return windows.fetch(key.key(), key.window().start());
            }
        };
    }

    @Override
    public String[] storeNames() {
        return new String[] {storeName};
    }
}
