package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serde;
import io.eddy.state.ChangelogTopicConfigs;
import io.eddy.state.WindowBytesStoreSupplier;
import io.eddy.state.WindowStore;
import java.util.Map;
import java.util.Objects;

/**
 * Builds window stores as Kafka Streams does: the supplier's byte store, then changelogging (if enabled), then the
 * record cache (if enabled, and not for stores retaining duplicates, whose every put must reach the store), then the
 * typed facade. The changelog is {@code compact,delete} with the store's retention plus one day.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class WindowStoreBuilder<K, V> extends AbstractStoreBuilder<K, V, WindowStore<K, V>> {

    private final WindowBytesStoreSupplier supplier;
    private final boolean timestamped;

    /**
     * @param supplier the byte store supplier
     * @param keySerde the key serde
     * @param valueSerde the value serde
     */
    public WindowStoreBuilder(WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        this(supplier, keySerde, valueSerde, false);
    }

    WindowStoreBuilder(WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde,
            boolean timestamped) {
        super(Objects.requireNonNull(supplier, "supplier").name(), keySerde, valueSerde);
        this.supplier = supplier;
        this.timestamped = timestamped;
    }

    @Override
    public WindowStore<K, V> build() {
        return new SerializingWindowStore<>(bytesStore(), keySerde, valueSerde);
    }

    /** @return the byte-level layers: store, changelogging, cache */
    WindowStore<Bytes, byte[]> bytesStore() {
        WindowStore<Bytes, byte[]> bytes = supplier.get();
        if (enableLogging) {
            bytes = new ChangeLoggingWindowBytesStore(bytes, supplier.retainDuplicates(), timestamped);
        }
        if (enableCaching && !supplier.retainDuplicates()) {
            bytes = new CachingWindowStore(bytes, supplier.retentionPeriod(), supplier.windowSize(), timestamped);
        }
        return bytes;
    }

    @Override
    public Map<String, String> changelogTopicConfig() {
        return ChangelogTopicConfigs.forWindowStore(logConfig(), supplier.retentionPeriod());
    }
}
