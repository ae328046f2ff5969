package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serde;
import io.eddy.state.ChangelogTopicConfigs;
import io.eddy.state.KeyValueBytesStoreSupplier;
import io.eddy.state.KeyValueStore;
import java.util.Map;
import java.util.Objects;

/**
 * Builds key-value stores: supplier's byte store, then changelogging (if enabled), then the typed facade, then the
 * record cache (if enabled), which is typed and so sits on top.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class KeyValueStoreBuilder<K, V> extends AbstractStoreBuilder<K, V, KeyValueStore<K, V>> {

    private final KeyValueBytesStoreSupplier supplier;

    /**
     * @param supplier the byte store supplier
     * @param keySerde the key serde
     * @param valueSerde the value serde
     */
    public KeyValueStoreBuilder(KeyValueBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        super(Objects.requireNonNull(supplier, "supplier").name(), keySerde, valueSerde);
        this.supplier = supplier;
    }

    @Override
    public KeyValueStore<K, V> build() {
        KeyValueStore<Bytes, byte[]> bytes = supplier.get();
        if (enableLogging) {
            bytes = new ChangeLoggingKeyValueBytesStore(bytes, false);
        }
        SerializingKeyValueStore<K, V> typed = new SerializingKeyValueStore<>(bytes, keySerde, valueSerde);
        return enableCaching ? new CachingKeyValueStore<>(typed) : typed;
    }

    @Override
    public Map<String, String> changelogTopicConfig() {
        return ChangelogTopicConfigs.forKeyValueStore(logConfig());
    }
}
