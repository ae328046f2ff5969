package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Serdes;
import io.eddy.state.KeyValueStore;
import io.eddy.state.StoreBuilder;
import io.eddy.state.Stores;
import io.eddy.streams.processor.api.ProcessorContext;
import java.util.Map;

/**
 * How far an {@code ON_WINDOW_CLOSE} windowed aggregation has emitted, per task: its <em>emitted close time</em>
 * {@code c} means every window that is closed at window close time {@code c} (in the aggregation's own close rule) has
 * been forwarded, and no other window. It plays the part of Kafka Streams' "last emitted window close time" processor
 * metadata, kept in a one-entry key-value store (built by {@link #storeBuilder}) so that it is restored with, and
 * consistent with, the aggregation's store: a restart forwards neither a window twice nor loses one.
 *
 * <p>The value lives in memory and is written to the store only when windows were forwarded (a close time that passed
 * no window needs no record: the windows it would cover do not exist). Not thread-safe: one per processor.
 */
final class EmittedWindowTracker {
    /** No window has been emitted yet. */
    static final long NONE = Long.MIN_VALUE;
    private static final String KEY = "emitted-window-close-time";

    private final String storeName;
    private KeyValueStore<String, Long> store;
    private long closeTime = NONE;

    /** @param storeName the tracker store, see {@link #storeName(String)} */
    EmittedWindowTracker(String storeName) {
        this.storeName = storeName;
    }

    /**
     * @param aggregateStoreName the aggregation's window or session store
     * @return the tracker store's name, derived from the aggregation's store name and so as stable as it
     */
    static String storeName(String aggregateStoreName) {
        return aggregateStoreName + "-emit-tracker";
    }

    /**
     * @param name the tracker store name
     * @param loggingEnabled whether it has a changelog (as the aggregation's store)
     * @param logConfig the changelog's topic configs
     * @return a builder of the tracker store: RocksDB (so it survives a restart even without a changelog), no cache
     */
    static StoreBuilder<KeyValueStore<String, Long>> storeBuilder(String name, boolean loggingEnabled,
                                                                 Map<String, String> logConfig) {
        StoreBuilder<KeyValueStore<String, Long>> b = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.Long()).withCachingDisabled();
        return loggingEnabled ? b.withLoggingEnabled(logConfig) : b.withLoggingDisabled();
    }

    /** Loads the emitted close time of the task. */
    void init(ProcessorContext<?, ?> context) {
        store = context.getStateStore(storeName);
        Long stored = store.get(KEY);
        closeTime = stored == null ? NONE : stored;
    }

    /** @return the emitted close time, or {@link #NONE} */
    long closeTime() {
        return closeTime;
    }

    /**
     * @param windowCloseTime the new emitted close time, larger than the current one
     * @param emitted whether windows were forwarded up to it (only then is it written to the store)
     */
    void advance(long windowCloseTime, boolean emitted) {
        closeTime = windowCloseTime;
        if (emitted) {
            store.put(KEY, windowCloseTime);
        }
    }
}
