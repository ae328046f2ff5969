package io.eddy.streams;

import io.eddy.state.ReadOnlyKeyValueStore;
import io.eddy.state.StateStore;
import io.eddy.state.TimestampedKeyValueStore;
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
}
