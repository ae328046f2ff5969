package io.eddy.streams.kstream;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serde;
import io.eddy.state.KeyValueBytesStoreSupplier;
import io.eddy.state.KeyValueStore;
import io.eddy.state.SessionBytesStoreSupplier;
import io.eddy.state.SessionStore;
import io.eddy.state.StateStore;
import io.eddy.state.StoreSupplier;
import io.eddy.state.WindowBytesStoreSupplier;
import io.eddy.state.WindowStore;
import io.eddy.streams.kstream.internal.ClassTokenSerde;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How an operator's result is kept in a state store, as Kafka Streams' {@code Materialized}: store name (which also
 * names the changelog topic {@code <application.id>-<name>-changelog} and makes the store queryable), or a store
 * supplier; serdes; caching (on by default: downstream sees one update per key per commit); changelog logging (on
 * by default); retention for window stores. Without a supplier, a persistent (RocksDB) store is used. Immutable
 * in practice: each {@code with*} returns this instance, reconfigured, as in Kafka Streams, so build one per use.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <S> store type
 */
public class Materialized<K, V, S extends StateStore> {
    /** Store name or null. */
    protected String storeName;
    /** Store supplier or null. */
    protected StoreSupplier<?> storeSupplier;
    /** Key serde or null. */
    protected Serde<K> keySerde;
    /** Value serde or null. */
    protected Serde<V> valueSerde;
    /** Whether a changelog is written. */
    protected boolean loggingEnabled = true;
    /** Changelog topic config. */
    protected Map<String, String> topicConfig = Map.of();
    /** Whether a record cache sits in front of the store. */
    protected boolean cachingEnabled = true;
    /** Window store retention or null. */
    protected Duration retention;

    private Materialized(String storeName, StoreSupplier<?> storeSupplier) {
        this.storeName = storeName;
        this.storeSupplier = storeSupplier;
    }

    /** @param materialized copied */
    protected Materialized(Materialized<K, V, S> materialized) {
        this.storeName = materialized.storeName;
        this.storeSupplier = materialized.storeSupplier;
        this.keySerde = materialized.keySerde;
        this.valueSerde = materialized.valueSerde;
        this.loggingEnabled = materialized.loggingEnabled;
        this.topicConfig = materialized.topicConfig;
        this.cachingEnabled = materialized.cachingEnabled;
        this.retention = materialized.retention;
    }

    /**
     * @param storeName the store name (letters, digits, '.', '_', '-')
     * @param <K> key type
     * @param <V> value type
     * @param <S> store type
     * @return a Materialized naming the store
     */
    public static <K, V, S extends StateStore> Materialized<K, V, S> as(String storeName) {
        return new Materialized<>(Objects.requireNonNull(storeName, "storeName"), null);
    }

    /**
     * @param supplier the key-value store supplier; its name is the store name
     * @param <K> key type
     * @param <V> value type
     * @return a Materialized using it
     */
    public static <K, V> Materialized<K, V, KeyValueStore<Bytes, byte[]>> as(KeyValueBytesStoreSupplier supplier) {
        return new Materialized<>(Objects.requireNonNull(supplier, "supplier").name(), supplier);
    }

    /**
     * @param supplier the window store supplier
     * @param <K> key type
     * @param <V> value type
     * @return a Materialized using it
     */
    public static <K, V> Materialized<K, V, WindowStore<Bytes, byte[]>> as(WindowBytesStoreSupplier supplier) {
        return new Materialized<>(Objects.requireNonNull(supplier, "supplier").name(), supplier);
    }

    /**
     * @param supplier the session store supplier
     * @param <K> key type
     * @param <V> value type
     * @return a Materialized using it
     */
    public static <K, V> Materialized<K, V, SessionStore<Bytes, byte[]>> as(SessionBytesStoreSupplier supplier) {
        return new Materialized<>(Objects.requireNonNull(supplier, "supplier").name(), supplier);
    }

    /**
     * @param keySerde key serde
     * @param valueSerde value serde
     * @param <K> key type
     * @param <V> value type
     * @param <S> store type
     * @return an unnamed Materialized with these serdes
     */
    public static <K, V, S extends StateStore> Materialized<K, V, S> with(Serde<K> keySerde, Serde<V> valueSerde) {
        Materialized<K, V, S> m = new Materialized<>(null, null);
        m.keySerde = keySerde;
        m.valueSerde = valueSerde;
        return m;
    }

    /**
     * Serdes by type, as {@link Consumed#with(Class, Class)}.
     *
     * @param keyType key class
     * @param valueType value class
     * @param <K> key type
     * @param <V> value type
     * @param <S> store type
     * @return an unnamed Materialized
     */
    public static <K, V, S extends StateStore> Materialized<K, V, S> with(Class<K> keyType, Class<V> valueType) {
        return with(ClassTokenSerde.of(keyType), ClassTokenSerde.of(valueType));
    }

    /** @param keySerde key serde @return this */
    public Materialized<K, V, S> withKeySerde(Serde<K> keySerde) {
        this.keySerde = keySerde;
        return this;
    }

    /** @param valueSerde value serde @return this */
    public Materialized<K, V, S> withValueSerde(Serde<V> valueSerde) {
        this.valueSerde = valueSerde;
        return this;
    }

    /** @param config changelog topic config @return this */
    public Materialized<K, V, S> withLoggingEnabled(Map<String, String> config) {
        this.loggingEnabled = true;
        this.topicConfig = Map.copyOf(Objects.requireNonNull(config, "config"));
        return this;
    }

    /** @return this, without a changelog (state is lost with the local files) */
    public Materialized<K, V, S> withLoggingDisabled() {
        this.loggingEnabled = false;
        this.topicConfig = Map.of();
        return this;
    }

    /** @return this, with a record cache (the default) */
    public Materialized<K, V, S> withCachingEnabled() {
        this.cachingEnabled = true;
        return this;
    }

    /** @return this, without a record cache: every update is forwarded */
    public Materialized<K, V, S> withCachingDisabled() {
        this.cachingEnabled = false;
        return this;
    }

    /**
     * @param retention how long a window store keeps windows
     * @return this
     * @throws IllegalArgumentException if negative
     */
    public Materialized<K, V, S> withRetention(Duration retention) {
        if (retention == null || retention.isNegative()) {
            throw new IllegalArgumentException("retention must be non-negative, was " + retention);
        }
        this.retention = retention;
        return this;
    }
}
