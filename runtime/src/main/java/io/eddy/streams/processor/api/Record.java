package io.eddy.streams.processor.api;

import io.eddy.log.Headers;
import java.util.Objects;

/**
 * A record flowing through a topology: key, value, timestamp and headers, as in Kafka Streams'
 * {@code org.apache.kafka.streams.processor.api.Record}. Immutable in its fields: the {@code with*} methods return
 * new records. The headers object is mutable and shared between copies, as in Kafka Streams; copy it with
 * {@link Headers#copy()} before changing it in a processor that forwards the same record to several children.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class Record<K, V> {
    private final K key;
    private final V value;
    private final long timestamp;
    private final Headers headers;

    /**
     * @param key the key, may be null
     * @param value the value, may be null
     * @param timestamp the timestamp in ms, not negative
     * @param headers the headers, or null for new empty headers
     * @throws io.eddy.streams.errors.StreamsException if {@code timestamp} is negative
     */
    public Record(K key, V value, long timestamp, Headers headers) {
        if (timestamp < 0) {
            throw new io.eddy.streams.errors.StreamsException("record timestamp must not be negative, was "
                    + timestamp);
        }
        this.key = key;
        this.value = value;
        this.timestamp = timestamp;
        this.headers = headers == null ? new Headers() : headers;
    }

    /**
     * @param key the key
     * @param value the value
     * @param timestamp the timestamp in ms
     */
    public Record(K key, V value, long timestamp) {
        this(key, value, timestamp, null);
    }

    /** @return the key */
    public K key() {
        return key;
    }

    /** @return the value */
    public V value() {
        return value;
    }

    /** @return the timestamp in ms */
    public long timestamp() {
        return timestamp;
    }

    /** @return the headers (mutable, shared with records derived by {@code with*}) */
    public Headers headers() {
        return headers;
    }

    /**
     * @param key the new key
     * @param <NewK> the new key type
     * @return a copy with the new key
     */
    public <NewK> Record<NewK, V> withKey(NewK key) {
        return new Record<>(key, value, timestamp, headers);
    }

    /**
     * @param value the new value
     * @param <NewV> the new value type
     * @return a copy with the new value
     */
    public <NewV> Record<K, NewV> withValue(NewV value) {
        return new Record<>(key, value, timestamp, headers);
    }

    /**
     * @param timestamp the new timestamp
     * @return a copy with the new timestamp
     */
    public Record<K, V> withTimestamp(long timestamp) {
        return new Record<>(key, value, timestamp, headers);
    }

    /**
     * @param headers the new headers
     * @return a copy with the new headers
     */
    public Record<K, V> withHeaders(Headers headers) {
        return new Record<>(key, value, timestamp, headers);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Record<?, ?> r && timestamp == r.timestamp && Objects.equals(key, r.key)
                && Objects.equals(value, r.value) && Objects.equals(headers, r.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, value, timestamp);
    }

    @Override
    public String toString() {
        return "Record{key=" + key + ", value=" + value + ", timestamp=" + timestamp + ", headers=" + headers + "}";
    }
}
