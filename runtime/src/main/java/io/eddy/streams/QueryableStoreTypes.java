package io.eddy.streams;

import io.eddy.state.ReadOnlyKeyValueStore;
import io.eddy.state.ReadOnlySessionStore;
import io.eddy.state.ReadOnlyWindowStore;
import io.eddy.state.StateStore;
import io.eddy.state.TimestampedKeyValueStore;
import io.eddy.state.TimestampedWindowStore;
import io.eddy.state.ValueAndTimestamp;
import io.eddy.streams.internal.PlainValueView;
import java.util.ArrayList;
import java.util.List;

/** Factories of the store views interactive queries return, as Kafka Streams' {@code QueryableStoreTypes}. */
public final class QueryableStoreTypes {
    private QueryableStoreTypes() {
    }

    /**
     * A key-value view; over a timestamped store it returns plain values.
     *
     * @param <K> key type
     * @param <V> value type
     * @return the store type
     */
    public static <K, V> QueryableStoreType<ReadOnlyKeyValueStore<K, V>> keyValueStore() {
        return new QueryableStoreType<>() {
            @Override
            public boolean accepts(StateStore store) {
                return store instanceof ReadOnlyKeyValueStore<?, ?>;
            }

            @Override
            @SuppressWarnings("unchecked")
            public ReadOnlyKeyValueStore<K, V> create(String storeName, List<StateStore> stores) {
                List<ReadOnlyKeyValueStore<K, V>> views = new ArrayList<>();
                for (StateStore s : stores) {
                    if (s instanceof TimestampedKeyValueStore<?, ?> ts) {
                        views.add(new PlainValueView<>((TimestampedKeyValueStore<K, V>) ts));
                    } else {
                        views.add((ReadOnlyKeyValueStore<K, V>) s);
                    }
                }
                return new CompositeReadOnlyKeyValueStore<>(views);
            }
        };
    }

    /**
     * A key-value view of a timestamped store, returning values with their timestamps.
     *
     * @param <K> key type
     * @param <V> value type
     * @return the store type
     */
    public static <K, V> QueryableStoreType<ReadOnlyKeyValueStore<K, ValueAndTimestamp<V>>> timestampedKeyValueStore() {
        return new QueryableStoreType<>() {
            @Override
            public boolean accepts(StateStore store) {
                return store instanceof TimestampedKeyValueStore<?, ?>;
            }

            @Override
            @SuppressWarnings("unchecked")
            public ReadOnlyKeyValueStore<K, ValueAndTimestamp<V>> create(String storeName, List<StateStore> stores) {
                List<ReadOnlyKeyValueStore<K, ValueAndTimestamp<V>>> views = new ArrayList<>();
                for (StateStore s : stores) {
                    views.add((ReadOnlyKeyValueStore<K, ValueAndTimestamp<V>>) s);
                }
                return new CompositeReadOnlyKeyValueStore<>(views);
            }
        };
    }

    /**
     * A window-store view; over a timestamped window store it returns plain values.
     *
     * @param <K> key type
     * @param <V> value type
     * @return the store type
     */
    public static <K, V> QueryableStoreType<ReadOnlyWindowStore<K, V>> windowStore() {
        return new QueryableStoreType<>() {
            @Override
            public boolean accepts(StateStore store) {
                return store instanceof ReadOnlyWindowStore<?, ?>;
            }

            @Override
            @SuppressWarnings("unchecked")
            public ReadOnlyWindowStore<K, V> create(String storeName, List<StateStore> stores) {
                List<ReadOnlyWindowStore<K, V>> views = new ArrayList<>();
                for (StateStore s : stores) {
                    if (s instanceof TimestampedWindowStore<?, ?> ts) {
                        views.add(new PlainValueWindowView<>((TimestampedWindowStore<K, V>) ts));
                    } else {
                        views.add((ReadOnlyWindowStore<K, V>) s);
                    }
                }
                return new CompositeReadOnlyWindowStore<>(views);
            }
        };
    }

    /**
     * A window-store view of a timestamped window store, returning values with their timestamps.
     *
     * @param <K> key type
     * @param <V> value type
     * @return the store type
     */
    public static <K, V> QueryableStoreType<ReadOnlyWindowStore<K, ValueAndTimestamp<V>>> timestampedWindowStore() {
        return new QueryableStoreType<>() {
            @Override
            public boolean accepts(StateStore store) {
                return store instanceof TimestampedWindowStore<?, ?>;
            }

            @Override
            @SuppressWarnings("unchecked")
            public ReadOnlyWindowStore<K, ValueAndTimestamp<V>> create(String storeName, List<StateStore> stores) {
                List<ReadOnlyWindowStore<K, ValueAndTimestamp<V>>> views = new ArrayList<>();
                for (StateStore s : stores) {
                    views.add((ReadOnlyWindowStore<K, ValueAndTimestamp<V>>) s);
                }
                return new CompositeReadOnlyWindowStore<>(views);
            }
        };
    }

    /**
     * A session-store view.
     *
     * @param <K> key type
     * @param <V> aggregate type
     * @return the store type
     */
    public static <K, V> QueryableStoreType<ReadOnlySessionStore<K, V>> sessionStore() {
        return new QueryableStoreType<>() {
            @Override
            public boolean accepts(StateStore store) {
                return store instanceof ReadOnlySessionStore<?, ?>;
            }

            @Override
            @SuppressWarnings("unchecked")
            public ReadOnlySessionStore<K, V> create(String storeName, List<StateStore> stores) {
                List<ReadOnlySessionStore<K, V>> views = new ArrayList<>();
                for (StateStore s : stores) {
                    views.add((ReadOnlySessionStore<K, V>) s);
                }
                return new CompositeReadOnlySessionStore<>(views);
            }
        };
    }
}
