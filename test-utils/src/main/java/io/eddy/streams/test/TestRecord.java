package io.eddy.streams.test;

import io.eddy.log.Headers;
import java.time.Instant;
import java.util.Objects;

/**
 * A record piped into or read from a test topic, as Kafka Streams' {@code TestRecord}. Immutable (headers aside).
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class TestRecord<K, V> {
    private final K key;
    private final V value;
    private final Headers headers;
    private final Instant recordTime;

    /**
     * @param key the key
     * @param value the value
     * @param headers the headers, or null for none
     * @param recordTime the timestamp, or null to let the input topic choose it
     */
    public TestRecord(K key, V value, Headers headers, Instant recordTime) {
        this.key = key;
        this.value = value;
        this.headers = headers == null ? new Headers() : headers;
        this.recordTime = recordTime;
    }

    /**
     * @param key the key
     * @param value the value
     * @param headers the headers
     * @param timestampMs the timestamp in ms, or null
     */
    public TestRecord(K key, V value, Headers headers, Long timestampMs) {
        this(key, value, headers, timestampMs == null ? null : Instant.ofEpochMilli(timestampMs));
    }

    /**
     * @param key the key
     * @param value the value
     * @param recordTime the timestamp
     */
    public TestRecord(K key, V value, Instant recordTime) {
        this(key, value, null, recordTime);
    }

    /**
     * @param key the key
     * @param value the value
     */
    public TestRecord(K key, V value) {
        this(key, value, null, (Instant) null);
    }

    /** @param value the value (null key) */
    public TestRecord(V value) {
        this(null, value);
    }

    /** @return the key */
    public K key() {
        return key;
    }

    /** @return the value */
    public V value() {
        return value;
    }

    /** @return the headers */
    public Headers headers() {
        return headers;
    }

    /** @return the timestamp, or null */
    public Instant getRecordTime() {
        return recordTime;
    }

    /** @return the timestamp in ms, or null */
    public Long timestamp() {
        return recordTime == null ? null : recordTime.toEpochMilli();
    }

    /** @return the key (Kafka Streams' bean-style name) */
    public K getKey() {
        return key;
    }

    /** @return the value (Kafka Streams' bean-style name) */
    public V getValue() {
        return value;
    }

    /** @return the headers (Kafka Streams' bean-style name) */
    public Headers getHeaders() {
        return headers;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TestRecord<?, ?> r && Objects.equals(key, r.key) && Objects.equals(value, r.value)
                && Objects.equals(headers, r.headers) && Objects.equals(recordTime, r.recordTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, value, headers, recordTime);
    }

    @Override
    public String toString() {
        return "TestRecord[key=" + key + ", value=" + value + ", headers=" + headers + ", recordTime=" + recordTime + "]";
    }
}
