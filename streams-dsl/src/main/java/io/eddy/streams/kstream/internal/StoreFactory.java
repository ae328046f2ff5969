package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Serde;
import io.eddy.state.KeyValueBytesStoreSupplier;
import io.eddy.state.SessionBytesStoreSupplier;
import io.eddy.state.SessionStore;
import io.eddy.state.StateStore;
import io.eddy.state.StoreBuilder;
import io.eddy.state.Stores;
import io.eddy.state.TimestampedKeyValueStore;
import io.eddy.state.TimestampedWindowStore;
import io.eddy.state.WindowBytesStoreSupplier;
import io.eddy.streams.errors.TopologyException;
import java.time.Duration;

/**
 * Builds the stores of DSL operators from their {@link MaterializedInternal}: timestamped key-value stores for tables,
 * timestamped window and session stores for windowed aggregations.
 */
final class StoreFactory {
    private StoreFactory() {
    }

    static <K, V> StoreBuilder<TimestampedKeyValueStore<K, V>> timestampedKeyValue(
            MaterializedInternal<K, V, ?> m, String storeName, Serde<K> keySerde, Serde<V> valueSerde,
            String operator) {
        KeyValueBytesStoreSupplier supplier;
        if (m.storeSupplier() == null) {
            supplier = Stores.persistentTimestampedKeyValueStore(storeName);
        } else if (m.storeSupplier() instanceof KeyValueBytesStoreSupplier kv) {
            supplier = kv;
        } else {
            throw new TopologyException("operator '" + operator + "' needs a key-value store, but its Materialized"
                    + " supplies " + m.storeSupplier().getClass().getName() + " for store '" + storeName + "'");
        }
        StoreBuilder<TimestampedKeyValueStore<K, V>> b =
                Stores.timestampedKeyValueStoreBuilder(supplier, keySerde, valueSerde);
        if (m.cachingEnabled()) {
            b.withCachingEnabled();
        } else {
            b.withCachingDisabled();
        }
        if (m.loggingEnabled()) {
            b.withLoggingEnabled(m.logConfig());
        } else {
            b.withLoggingDisabled();
        }
        return b;
    }

    /**
     * @param b the builder
     * @param m the user's settings
     * @param node the operator's node (for messages)
     * @param path the operator's path
     * @param operator the operator kind (for messages)
     * @return the user's store name, or {@code <path>-store} (recorded as unnamed)
     */
    static String storeName(InternalStreamsBuilder b, MaterializedInternal<?, ?, ?> m, String node, String path,
                            String operator) {
        String storeName = m.storeName();
        if (storeName == null) {
            storeName = b.resourceName(path) + "-store";
            b.unnamed(operator + " '" + node + "'", "state store '" + storeName + "'", "Materialized.as(...)");
        }
        return storeName;
    }

    /**
     * @param m the user's settings: a {@link WindowBytesStoreSupplier} (which must match the windows and keep at
     *     least {@code retentionMs}), caching, logging
     * @param storeName the store name
     * @param windowSize the window size in ms
     * @param retentionMs the retention the operator needs, safety margin included
     * @return a timestamped window store builder without duplicates
     * @throws TopologyException if the supplier does not fit
     */
    static <K, V> StoreBuilder<TimestampedWindowStore<K, V>> timestampedWindow(MaterializedInternal<K, V, ?> m,
            String storeName, long windowSize, long retentionMs, Serde<K> keySerde, Serde<V> valueSerde,
            String operator) {
        WindowBytesStoreSupplier supplier;
        if (m.storeSupplier() == null) {
            supplier = Stores.persistentTimestampedWindowStore(storeName, Duration.ofMillis(retentionMs),
                    Duration.ofMillis(windowSize), false);
        } else if (m.storeSupplier() instanceof WindowBytesStoreSupplier w) {
            if (w.windowSize() != windowSize || w.retainDuplicates() || w.retentionPeriod() < retentionMs) {
                throw new TopologyException("operator '" + operator + "' needs a window store with windowSize="
                        + windowSize + "ms, retention>=" + retentionMs + "ms and no duplicates, but its Materialized"
                        + " supplies store '" + storeName + "' with windowSize=" + w.windowSize() + "ms, retention="
                        + w.retentionPeriod() + "ms, retainDuplicates=" + w.retainDuplicates());
            }
            supplier = w;
        } else {
            throw new TopologyException("operator '" + operator + "' needs a window store, but its Materialized"
                    + " supplies " + m.storeSupplier().getClass().getName() + " for store '" + storeName + "'");
        }
        return configure(Stores.timestampedWindowStoreBuilder(supplier, keySerde, valueSerde), m);
    }

    /**
     * @param m the user's settings: a {@link SessionBytesStoreSupplier} (which must keep at least
     *     {@code retentionMs}), caching, logging
     * @param storeName the store name
     * @param retentionMs the retention the operator needs, safety margin included
     * @return a session store builder
     * @throws TopologyException if the supplier does not fit
     */
    static <K, V> StoreBuilder<SessionStore<K, V>> session(MaterializedInternal<K, V, ?> m, String storeName,
            long retentionMs, Serde<K> keySerde, Serde<V> valueSerde, String operator) {
        SessionBytesStoreSupplier supplier;
        if (m.storeSupplier() == null) {
            supplier = Stores.persistentSessionStore(storeName, Duration.ofMillis(retentionMs));
        } else if (m.storeSupplier() instanceof SessionBytesStoreSupplier ss) {
            if (ss.retentionPeriod() < retentionMs) {
                throw new TopologyException("operator '" + operator + "' needs a session store with retention>="
                        + retentionMs + "ms, but its Materialized supplies store '" + storeName + "' with retention="
                        + ss.retentionPeriod() + "ms");
            }
            supplier = ss;
        } else {
            throw new TopologyException("operator '" + operator + "' needs a session store, but its Materialized"
                    + " supplies " + m.storeSupplier().getClass().getName() + " for store '" + storeName + "'");
        }
        return configure(Stores.sessionStoreBuilder(supplier, keySerde, valueSerde), m);
    }

    /**
     * @param m the user's settings
     * @param storeName the store (for the message)
     * @param minimumMs the smallest retention the windows allow (Kafka Streams' rule)
     * @param rule the rule, for the message, e.g. {@code "window size plus grace period"}
     * @return the user's retention, or {@code minimumMs} when none was set
     * @throws IllegalArgumentException if the user's retention is smaller than {@code minimumMs}
     */
    static long retentionMs(MaterializedInternal<?, ?, ?> m, String storeName, long minimumMs, String rule) {
        if (m.retention() == null) {
            return minimumMs;
        }
        long r = m.retention().toMillis();
        if (r < minimumMs) {
            throw new IllegalArgumentException("The retention period of the store " + storeName
                    + " must be no smaller than its " + rule + ", retention=" + r + "ms, minimum=" + minimumMs + "ms");
        }
        return r;
    }

    private static <T extends StateStore> StoreBuilder<T> configure(StoreBuilder<T> b, MaterializedInternal<?, ?, ?> m) {
        if (m.cachingEnabled()) {
            b.withCachingEnabled();
        } else {
            b.withCachingDisabled();
        }
        if (m.loggingEnabled()) {
            b.withLoggingEnabled(m.logConfig());
        } else {
            b.withLoggingDisabled();
        }
        return b;
    }
}
