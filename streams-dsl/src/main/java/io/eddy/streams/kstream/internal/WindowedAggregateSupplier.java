package io.eddy.streams.kstream.internal;

import io.eddy.state.StoreBuilder;
import io.eddy.state.Windowed;
import io.eddy.streams.kstream.Aggregator;
import io.eddy.streams.kstream.EmitStrategy;
import io.eddy.streams.kstream.Initializer;
import io.eddy.streams.processor.api.ProcessorSupplier;
import java.util.Map;
import java.util.Objects;

/**
 * What the time, sliding and session window aggregations share: their store, initializer and aggregator, the
 * dropped-records count, old-value forwarding, and, with {@code EmitStrategy.onWindowClose()}, the
 * {@link EmittedWindowTracker} store to connect beside their own.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @param <VAgg> the aggregate type
 */
public abstract class WindowedAggregateSupplier<K, V, VAgg>
        implements ProcessorSupplier<K, V, Windowed<K>, Change<VAgg>> {
    final String storeName;
    final Initializer<VAgg> initializer;
    final Aggregator<? super K, ? super V, VAgg> aggregator;
    final DroppedRecordsSensor dropped;
    /** Null when emitting on every update. */
    final String trackerStoreName;
    boolean sendOldValues;

    WindowedAggregateSupplier(String kind, String storeName, EmitStrategy emitStrategy, Initializer<VAgg> initializer,
                              Aggregator<? super K, ? super V, VAgg> aggregator) {
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.initializer = Objects.requireNonNull(initializer, "initializer");
        this.aggregator = Objects.requireNonNull(aggregator, "aggregator");
        this.dropped = new DroppedRecordsSensor(kind + " of store " + storeName);
        this.trackerStoreName = EmitStrategies.emitsOnClose(emitStrategy) ? EmittedWindowTracker.storeName(storeName)
                : null;
    }

    /** Makes forwarded changes carry the old aggregate. */
    public void enableSendingOldValues() {
        sendOldValues = true;
    }

    /** @return the store name */
    public String storeName() {
        return storeName;
    }

    /** @return records dropped so far (null key or value, or late), over all tasks */
    public long droppedRecords() {
        return dropped.count();
    }

    /** @return the store tracking what was emitted with {@code onWindowClose}, or null with {@code onWindowUpdate} */
    public String emitTrackerStoreName() {
        return trackerStoreName;
    }

    /**
     * @param loggingEnabled whether the tracker store has a changelog (as the aggregation's store)
     * @param logConfig its changelog's topic configs
     * @return a builder of the store {@link #emitTrackerStoreName()}
     * @throws IllegalStateException with {@code onWindowUpdate}, which needs none
     */
    public StoreBuilder<?> emitTrackerStoreBuilder(boolean loggingEnabled, Map<String, String> logConfig) {
        if (trackerStoreName == null) {
            throw new IllegalStateException("aggregation of store " + storeName + " emits on window update and has no"
                    + " emit tracker store");
        }
        return EmittedWindowTracker.storeBuilder(trackerStoreName, loggingEnabled, logConfig);
    }
}
