package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serde;
import io.eddy.state.ChangelogTopicConfigs;
import io.eddy.state.SessionBytesStoreSupplier;
import io.eddy.state.SessionStore;
import java.util.Map;
import java.util.Objects;

/**
 * Builds session stores as Kafka Streams does: the supplier's byte store, then changelogging (if enabled), then the
 * record cache (if enabled), then the typed facade. The changelog is compacted.
 *
 * @param <K> the key type
 * @param <V> the aggregate type
 */
public final class SessionStoreBuilder<K, V> extends AbstractStoreBuilder<K, V, SessionStore<K, V>> {

    private final SessionBytesStoreSupplier supplier;

    /**
     * @param supplier the byte store supplier
     * @param keySerde the key serde
     * @param valueSerde the aggregate serde
     */
    public SessionStoreBuilder(SessionBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        super(Objects.requireNonNull(supplier, "supplier").name(), keySerde, valueSerde);
        this.supplier = supplier;
    }

    @Override
    public SessionStore<K, V> build() {
        SessionStore<Bytes, byte[]> bytes = supplier.get();
        if (enableLogging) {
            bytes = new ChangeLoggingSessionBytesStore(bytes);
        }
        if (enableCaching) {
            bytes = new CachingSessionStore(bytes, supplier.retentionPeriod());
        }
        return new SerializingSessionStore<>(bytes, keySerde, valueSerde);
    }

    @Override
    public Map<String, String> changelogTopicConfig() {
        return ChangelogTopicConfigs.forSessionStore(logConfig());
    }
}
