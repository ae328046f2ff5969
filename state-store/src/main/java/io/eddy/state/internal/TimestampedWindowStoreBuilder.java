package io.eddy.state.internal;

import io.eddy.serialization.Serde;
import io.eddy.state.ChangelogTopicConfigs;
import io.eddy.state.TimestampedWindowStore;
import io.eddy.state.WindowBytesStoreSupplier;
import java.util.Map;
import java.util.Objects;

/**
 * Builds timestamped window stores. Any window byte supplier works: the byte store holds values in the
 * {@link ValueAndTimestampSerde} layout, and the changelogging layer converts to and from plain changelog values.
 * Layers as {@link WindowStoreBuilder}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class TimestampedWindowStoreBuilder<K, V>
        extends AbstractStoreBuilder<K, V, TimestampedWindowStore<K, V>> {

    private final WindowBytesStoreSupplier supplier;

    /**
     * @param supplier the byte store supplier
     * @param keySerde the key serde
     * @param valueSerde the serde of the plain value
     */
    public TimestampedWindowStoreBuilder(WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        super(Objects.requireNonNull(supplier, "supplier").name(), keySerde, valueSerde);
        this.supplier = supplier;
    }

    @Override
    public TimestampedWindowStore<K, V> build() {
        WindowStoreBuilder<K, V> layers = new WindowStoreBuilder<>(supplier, keySerde, valueSerde, true);
        if (!loggingEnabled()) {
            layers.withLoggingDisabled();
        }
        if (cachingEnabled()) {
            layers.withCachingEnabled();
        }
        return new SerializingTimestampedWindowStore<>(layers.bytesStore(), keySerde, valueSerde);
    }

    @Override
    public Map<String, String> changelogTopicConfig() {
        return ChangelogTopicConfigs.forWindowStore(logConfig(), supplier.retentionPeriod());
    }
}
