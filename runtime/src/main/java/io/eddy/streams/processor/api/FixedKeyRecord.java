package io.eddy.streams.processor.api;

import io.eddy.log.Headers;
import io.eddy.streams.processor.api.Record;
import java.util.Objects;

/**
 * A record whose key a {@link FixedKeyProcessor} cannot change, as Kafka Streams' {@code FixedKeyRecord}: only the
 * value, timestamp and headers can be replaced, so {@link KStream#processValues} never needs a repartition.
 * Instances come from the framework ({@link InternalFixedKeyRecordFactory} for tests). Immutable.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class FixedKeyRecord<K, V> {
    private final Record<K, V> record;

    FixedKeyRecord(Record<K, V> record) {
        this.record = Objects.requireNonNull(record, "record");
    }

    /** @return the key */
    public K key() {
        return record.key();
    }

    /** @return the value */
    public V value() {
        return record.value();
    }

    /** @return the timestamp */
    public long timestamp() {
        return record.timestamp();
    }

    /** @return the headers */
    public Headers headers() {
        return record.headers();
    }

    /** @param value the new value @param <NewV> its type @return a copy with it */
    public <NewV> FixedKeyRecord<K, NewV> withValue(NewV value) {
        return new FixedKeyRecord<>(record.withValue(value));
    }

    /** @param timestamp the new timestamp @return a copy with it */
    public FixedKeyRecord<K, V> withTimestamp(long timestamp) {
        return new FixedKeyRecord<>(record.withTimestamp(timestamp));
    }

    /** @param headers the new headers @return a copy with them */
    public FixedKeyRecord<K, V> withHeaders(Headers headers) {
        return new FixedKeyRecord<>(record.withHeaders(headers));
    }

    Record<K, V> toRecord() {
        return record;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FixedKeyRecord<?, ?> r && record.equals(r.record);
    }

    @Override
    public int hashCode() {
        return record.hashCode();
    }

    @Override
    public String toString() {
        return "FixedKeyRecord{key=" + key() + ", value=" + value() + ", timestamp=" + timestamp() + "}";
    }
}
