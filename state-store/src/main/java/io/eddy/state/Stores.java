package io.eddy.state;

import io.eddy.serialization.Serde;
import io.eddy.state.internal.InMemoryKeyValueBytesStoreSupplier;
import io.eddy.state.internal.KeyValueStoreBuilder;
import io.eddy.state.internal.RocksDBKeyValueBytesStoreSupplier;
import io.eddy.state.internal.SegmentedSessionBytesStoreSupplier;
import io.eddy.state.internal.SegmentedWindowBytesStoreSupplier;
import io.eddy.state.internal.SessionStoreBuilder;
import io.eddy.state.internal.TimestampedKeyValueStoreBuilder;
import io.eddy.state.internal.TimestampedWindowStoreBuilder;
import io.eddy.state.internal.WindowStoreBuilder;
import java.time.Duration;

/**
 * The entry point for creating stores, mirroring Kafka Streams' {@code org.apache.kafka.streams.state.Stores}: suppliers
 * for the byte-level engines (RocksDB, in-memory) and builders that layer changelogging, caching and serdes on top.
 *
 * <pre>{@code
 * StoreBuilder<KeyValueStore<String, Long>> counts = Stores.keyValueStoreBuilder(
 *         Stores.persistentKeyValueStore("counts"), stringSerde, longSerde).withCachingEnabled();
 * }</pre>
 *
 * All methods are thread-safe and return new objects.
 */
public final class Stores {

    private Stores() {
    }

    /**
     * @param name the store name: ASCII letters, digits, '.', '_', '-'
     * @return a supplier of RocksDB key-value stores
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is not a legal store name
     */
    public static KeyValueBytesStoreSupplier persistentKeyValueStore(String name) {
        return new RocksDBKeyValueBytesStoreSupplier(name);
    }

    /**
     * A supplier for {@link #timestampedKeyValueStoreBuilder}. Eddy has no legacy on-disk format to upgrade from, so
     * this supplies the same RocksDB engine as {@link #persistentKeyValueStore}; it exists so that Kafka Streams code
     * ports unchanged.
     *
     * @param name the store name
     * @return a supplier of RocksDB key-value stores
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is not a legal store name
     */
    public static KeyValueBytesStoreSupplier persistentTimestampedKeyValueStore(String name) {
        return new RocksDBKeyValueBytesStoreSupplier(name);
    }

    /**
     * @param name the store name
     * @return a supplier of in-memory key-value stores (rebuilt from the changelog after a restart)
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is not a legal store name
     */
    public static KeyValueBytesStoreSupplier inMemoryKeyValueStore(String name) {
        return new InMemoryKeyValueBytesStoreSupplier(name);
    }

    /**
     * @param supplier the byte store supplier
     * @param keySerde the key serde
     * @param valueSerde the value serde
     * @param <K> the key type
     * @param <V> the value type
     * @return a builder (logging enabled, caching disabled)
     * @throws NullPointerException if an argument is null
     */
    public static <K, V> StoreBuilder<KeyValueStore<K, V>> keyValueStoreBuilder(KeyValueBytesStoreSupplier supplier,
            Serde<K> keySerde, Serde<V> valueSerde) {
        return new KeyValueStoreBuilder<>(supplier, keySerde, valueSerde);
    }

    /**
     * @param supplier the byte store supplier
     * @param keySerde the key serde
     * @param valueSerde the serde of the plain value
     * @param <K> the key type
     * @param <V> the value type
     * @return a builder of stores whose values carry record timestamps (logging enabled, caching disabled)
     * @throws NullPointerException if an argument is null
     */
    public static <K, V> StoreBuilder<TimestampedKeyValueStore<K, V>> timestampedKeyValueStoreBuilder(
            KeyValueBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        return new TimestampedKeyValueStoreBuilder<>(supplier, keySerde, valueSerde);
    }

    /**
     * A supplier of RocksDB window stores. Windows whose start is at or before {@code streamTime - retentionPeriod}
     * (stream time: the largest window start written) are dropped, a time segment (half the retention, at least one
     * minute) at a time.
     *
     * @param name the store name
     * @param retentionPeriod how long windows are kept, at least {@code windowSize}
     * @param windowSize the size of the windows
     * @param retainDuplicates whether every put of the same key and window is kept (stream-stream joins)
     * @return the supplier
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name is illegal, a duration is negative or not expressible in
     *     milliseconds, or {@code windowSize > retentionPeriod}
     */
    public static WindowBytesStoreSupplier persistentWindowStore(String name, Duration retentionPeriod,
            Duration windowSize, boolean retainDuplicates) {
        return SegmentedWindowBytesStoreSupplier.create(name, retentionPeriod, windowSize, retainDuplicates, true,
                false);
    }

    /**
     * A supplier for {@link #timestampedWindowStoreBuilder}; the same RocksDB engine as {@link #persistentWindowStore}
     * (Eddy has no legacy format to upgrade from).
     *
     * @param name the store name
     * @param retentionPeriod how long windows are kept, at least {@code windowSize}
     * @param windowSize the size of the windows
     * @param retainDuplicates whether every put of the same key and window is kept
     * @return the supplier
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException as {@link #persistentWindowStore}
     */
    public static WindowBytesStoreSupplier persistentTimestampedWindowStore(String name, Duration retentionPeriod,
            Duration windowSize, boolean retainDuplicates) {
        return SegmentedWindowBytesStoreSupplier.create(name, retentionPeriod, windowSize, retainDuplicates, true,
                true);
    }

    /**
     * A supplier of in-memory window stores (rebuilt from the changelog after a restart), with the retention
     * semantics of {@link #persistentWindowStore}.
     *
     * @param name the store name
     * @param retentionPeriod how long windows are kept, at least {@code windowSize}
     * @param windowSize the size of the windows
     * @param retainDuplicates whether every put of the same key and window is kept
     * @return the supplier
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException as {@link #persistentWindowStore}
     */
    public static WindowBytesStoreSupplier inMemoryWindowStore(String name, Duration retentionPeriod,
            Duration windowSize, boolean retainDuplicates) {
        return SegmentedWindowBytesStoreSupplier.create(name, retentionPeriod, windowSize, retainDuplicates, false,
                false);
    }

    /**
     * A supplier of RocksDB session stores. Sessions whose end is at or before {@code streamTime - retentionPeriod}
     * (stream time: the largest session end written) are dropped, a time segment at a time.
     *
     * @param name the store name
     * @param retentionPeriod how long sessions are kept after their end
     * @return the supplier
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name is illegal or the duration negative or not expressible in
     *     milliseconds
     */
    public static SessionBytesStoreSupplier persistentSessionStore(String name, Duration retentionPeriod) {
        return SegmentedSessionBytesStoreSupplier.create(name, retentionPeriod, true);
    }

    /**
     * A supplier of in-memory session stores (rebuilt from the changelog after a restart), with the retention
     * semantics of {@link #persistentSessionStore}.
     *
     * @param name the store name
     * @param retentionPeriod how long sessions are kept after their end
     * @return the supplier
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException as {@link #persistentSessionStore}
     */
    public static SessionBytesStoreSupplier inMemorySessionStore(String name, Duration retentionPeriod) {
        return SegmentedSessionBytesStoreSupplier.create(name, retentionPeriod, false);
    }

    /**
     * @param supplier the byte store supplier
     * @param keySerde the key serde
     * @param valueSerde the value serde
     * @param <K> the key type
     * @param <V> the value type
     * @return a builder (logging enabled with a {@code compact,delete} changelog, caching disabled)
     * @throws NullPointerException if an argument is null
     */
    public static <K, V> StoreBuilder<WindowStore<K, V>> windowStoreBuilder(WindowBytesStoreSupplier supplier,
            Serde<K> keySerde, Serde<V> valueSerde) {
        return new WindowStoreBuilder<>(supplier, keySerde, valueSerde);
    }

    /**
     * @param supplier the byte store supplier
     * @param keySerde the key serde
     * @param valueSerde the serde of the plain value
     * @param <K> the key type
     * @param <V> the value type
     * @return a builder of window stores whose values carry record timestamps (logging enabled, caching disabled)
     * @throws NullPointerException if an argument is null
     */
    public static <K, V> StoreBuilder<TimestampedWindowStore<K, V>> timestampedWindowStoreBuilder(
            WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        return new TimestampedWindowStoreBuilder<>(supplier, keySerde, valueSerde);
    }

    /**
     * @param supplier the byte store supplier
     * @param keySerde the key serde
     * @param aggregateSerde the aggregate serde
     * @param <K> the key type
     * @param <V> the aggregate type
     * @return a builder (logging enabled with a compacted changelog, caching disabled)
     * @throws NullPointerException if an argument is null
     */
    public static <K, V> StoreBuilder<SessionStore<K, V>> sessionStoreBuilder(SessionBytesStoreSupplier supplier,
            Serde<K> keySerde, Serde<V> aggregateSerde) {
        return new SessionStoreBuilder<>(supplier, keySerde, aggregateSerde);
    }
}
