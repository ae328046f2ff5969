package io.eddy.state.internal;

import io.eddy.serialization.Serde;
import io.eddy.state.StateStore;
import io.eddy.state.StoreBuilder;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The configuration shared by all store builders: name, serdes, caching and logging switches. Subclasses compose the
 * layers in {@link #build()} and give their changelog's topic config.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @param <T> the store type built
 */
public abstract class AbstractStoreBuilder<K, V, T extends StateStore> implements StoreBuilder<T> {

    /** The store name. */
    protected final String name;
    /** The key serde. */
    protected final Serde<K> keySerde;
    /** The value serde. */
    protected final Serde<V> valueSerde;
    /** Whether a record cache is put in front of the store. */
    protected boolean enableCaching;
    /** Whether the store writes a changelog. */
    protected boolean enableLogging = true;
    private Map<String, String> logConfig = Map.of();

    /**
     * @param name the store name (validated with {@link StoreNames#validate})
     * @param keySerde the key serde
     * @param valueSerde the value serde
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name is not a legal store name
     */
    protected AbstractStoreBuilder(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        this.name = StoreNames.validate(name);
        this.keySerde = Objects.requireNonNull(keySerde, "keySerde of store '" + name + "'");
        this.valueSerde = Objects.requireNonNull(valueSerde, "valueSerde of store '" + name + "'");
    }

    @Override
    public StoreBuilder<T> withCachingEnabled() {
        enableCaching = true;
        return this;
    }

    @Override
    public StoreBuilder<T> withCachingDisabled() {
        enableCaching = false;
        return this;
    }

    @Override
    public StoreBuilder<T> withLoggingEnabled(Map<String, String> config) {
        Objects.requireNonNull(config, "config");
        enableLogging = true;
        logConfig = Collections.unmodifiableMap(new HashMap<>(config));
        return this;
    }

    @Override
    public StoreBuilder<T> withLoggingDisabled() {
        enableLogging = false;
        logConfig = Map.of();
        return this;
    }

    @Override
    public Map<String, String> logConfig() {
        return logConfig;
    }

    @Override
    public boolean loggingEnabled() {
        return enableLogging;
    }

    @Override
    public String name() {
        return name;
    }

    /** @return whether a record cache is put in front of the store */
    public boolean cachingEnabled() {
        return enableCaching;
    }
}
