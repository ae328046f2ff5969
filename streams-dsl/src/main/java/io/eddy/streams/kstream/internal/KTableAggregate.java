package io.eddy.streams.kstream.internal;

import io.eddy.state.TimestampedKeyValueStore;
import io.eddy.state.ValueAndTimestamp;
import io.eddy.streams.kstream.Aggregator;
import io.eddy.streams.kstream.Initializer;
import io.eddy.streams.processor.api.Record;

/**
 * A grouped table's {@code count}, {@code reduce} and {@code aggregate}: each {@link Change} first retracts its old
 * value through the subtractor, then adds its new value through the adder. The aggregate carries the largest
 * timestamp seen for it.
 */
final class KTableAggregate<K, V, VA> extends StoredTableProcessorSupplier<K, Change<V>, K, VA> {
    private final Initializer<VA> initializer;
    private final Aggregator<? super K, ? super V, VA> adder;
    private final Aggregator<? super K, ? super V, VA> subtractor;

    /**
     * @param storeName the store
     * @param initializer the initial aggregate (may return null: reduce starts from the first value)
     * @param adder adds a new value
     * @param subtractor retracts an old value
     */
    KTableAggregate(String storeName, Initializer<VA> initializer, Aggregator<? super K, ? super V, VA> adder,
                    Aggregator<? super K, ? super V, VA> subtractor) {
        super(storeName);
        this.initializer = initializer;
        this.adder = adder;
        this.subtractor = subtractor;
    }

    @Override
    void process(Record<K, Change<V>> record, TimestampedKeyValueStore<K, VA> store,
                 TimestampedForwarder<K, VA> forwarder, boolean sendOld) {
        K key = record.key();
        if (key == null) {
            return;
        }
        Change<V> change = record.value();
        ValueAndTimestamp<VA> old = store.get(key);
        VA oldAgg = ValueAndTimestamp.getValueOrNull(old);
        long ts = old == null ? record.timestamp() : Math.max(record.timestamp(), old.timestamp());
        VA agg = oldAgg;
        if (change.oldValue() != null && oldAgg != null) {
            agg = subtractor.apply(key, change.oldValue(), oldAgg);
        }
        if (change.newValue() != null) {
            agg = adder.apply(key, change.newValue(), agg == null ? initializer.apply() : agg);
        }
        store.put(key, ValueAndTimestamp.make(agg, ts));
        forwarder.maybeForward(key, agg, sendOld ? oldAgg : null, ts, record.headers());
    }
}
