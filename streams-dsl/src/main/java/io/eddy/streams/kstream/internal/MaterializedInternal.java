package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Serde;
import io.eddy.state.StateStore;
import io.eddy.state.StoreSupplier;
import io.eddy.streams.kstream.Materialized;
import java.time.Duration;
import java.util.Map;

/** Read access to a {@link Materialized}'s settings, for the DSL (and the window/session store factories). */
public final class MaterializedInternal<K, V, S extends StateStore> extends Materialized<K, V, S> {
    private final boolean given;

    /** @param materialized the user's settings, or null for all defaults */
    public MaterializedInternal(Materialized<K, V, S> materialized) {
        super(materialized == null ? Materialized.with((Serde<K>) null, (Serde<V>) null) : materialized);
        this.given = materialized != null;
    }

    /** @return whether the user passed a Materialized at all (KTable operators materialize only then) */
    public boolean given() {
        return given;
    }

    /** @return the user's store name (or the supplier's), or null */
    public String storeName() {
        return storeName;
    }

    public StoreSupplier<?> storeSupplier() {
        return storeSupplier;
    }

    public Serde<K> keySerde() {
        return keySerde;
    }

    public Serde<V> valueSerde() {
        return valueSerde;
    }

    public boolean loggingEnabled() {
        return loggingEnabled;
    }

    public Map<String, String> logConfig() {
        return topicConfig;
    }

    public boolean cachingEnabled() {
        return cachingEnabled;
    }

    /** @return the retention, or null when not set */
    public Duration retention() {
        return retention;
    }
}
