package io.eddy.streams.kstream.internal;

import io.eddy.state.TimestampedKeyValueStore;
import io.eddy.state.ValueAndTimestamp;
import io.eddy.streams.kstream.Aggregator;
import io.eddy.streams.kstream.Initializer;
import io.eddy.streams.processor.api.Record;

/**
 * A grouped stream's {@code count}, {@code reduce} and {@code aggregate}: folds each record into its key's aggregate
 * in a timestamped store. Records with a null key or value are skipped. The aggregate carries the largest timestamp
 * folded into it. Updates are forwarded through the store's cache (deduplicated per key per commit) or, without a
 * cache, at once.
 */
final class KStreamAggregate<K, V, VA> extends StoredTableProcessorSupplier<K, V, K, VA> {
    private final Initializer<VA> initializer;
    private final Aggregator<? super K, ? super V, VA> aggregator;

    /**
     * @param storeName the store
     * @param initializer the initial aggregate (may return null: reduce starts from the first value)
     * @param aggregator folds a value into the aggregate
     */
    KStreamAggregate(String storeName, Initializer<VA> initializer, Aggregator<? super K, ? super V, VA> aggregator) {
        super(storeName);
        this.initializer = initializer;
        this.aggregator = aggregator;
    }

    @Override
    void process(Record<K, V> record, TimestampedKeyValueStore<K, VA> store, TimestampedForwarder<K, VA> forwarder,
                 boolean sendOld) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        ValueAndTimestamp<VA> old = store.get(record.key());
        VA oldAgg = ValueAndTimestamp.getValueOrNull(old);
        VA base = oldAgg == null ? initializer.apply() : oldAgg;
        VA newAgg = aggregator.apply(record.key(), record.value(), base);
        long ts = old == null ? record.timestamp() : Math.max(record.timestamp(), old.timestamp());
        store.put(record.key(), ValueAndTimestamp.make(newAgg, ts));
        forwarder.maybeForward(record.key(), newAgg, sendOld ? oldAgg : null, ts, record.headers());
    }
}
