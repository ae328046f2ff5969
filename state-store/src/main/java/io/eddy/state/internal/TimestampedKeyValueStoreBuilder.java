package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serde;
import io.eddy.state.ChangelogTopicConfigs;
import io.eddy.state.KeyValueBytesStoreSupplier;
import io.eddy.state.KeyValueStore;
import io.eddy.state.TimestampedKeyValueStore;
import java.util.Map;
import java.util.Objects;

/**
 * Builds timestamped key-value stores. Any key-value byte supplier works: the byte store holds values in the
 * {@link ValueAndTimestampSerde} layout, and the changelogging layer converts to and from plain changelog values.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class TimestampedKeyValueStoreBuilder<K, V>
        extends AbstractStoreBuilder<K, V, TimestampedKeyValueStore<K, V>> {

    private final KeyValueBytesStoreSupplier supplier;

    /**
     * @param supplier the byte store supplier
     * @param keySerde the key serde
     * @param valueSerde the serde of the plain value
     */
    public TimestampedKeyValueStoreBuilder(KeyValueBytesStoreSupplier supplier, Serde<K> keySerde,
            Serde<V> valueSerde) {
        super(Objects.requireNonNull(supplier, "supplier").name(), keySerde, valueSerde);
        this.supplier = supplier;
    }

    @Override
    public TimestampedKeyValueStore<K, V> build() {
        KeyValueStore<Bytes, byte[]> bytes = supplier.get();
        if (enableLogging) {
            bytes = new ChangeLoggingKeyValueBytesStore(bytes, true);
        }
        SerializingTimestampedKeyValueStore<K, V> typed =
                new SerializingTimestampedKeyValueStore<>(bytes, keySerde, valueSerde);
        return enableCaching ? new CachingTimestampedKeyValueStore<>(typed) : typed;
    }

    @Override
    public Map<String, String> changelogTopicConfig() {
        return ChangelogTopicConfigs.forKeyValueStore(logConfig());
    }
}
