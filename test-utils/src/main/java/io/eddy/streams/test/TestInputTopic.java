package io.eddy.streams.test;

import io.eddy.serialization.Serializer;
import io.eddy.state.KeyValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Pipes records into an input topic of a {@link TopologyTestDriver}; each record is fully processed (and the app
 * committed) before the pipe call returns. Records without a timestamp get the topic's current time, which then
 * advances by the auto-advance step. Not thread-safe.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class TestInputTopic<K, V> {
    private final TopologyTestDriver driver;
    private final String topic;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private Instant currentTime;
    private final Duration advance;

    TestInputTopic(TopologyTestDriver driver, String topic, Serializer<K> keySerializer,
                   Serializer<V> valueSerializer, Instant startTime, Duration advance) {
        if (advance.isNegative()) {
            throw new IllegalArgumentException("auto-advance must not be negative, was " + advance);
        }
        this.driver = driver;
        this.topic = topic;
        this.keySerializer = keySerializer;
        this.valueSerializer = valueSerializer;
        this.currentTime = startTime;
        this.advance = advance;
    }

    /** @param advance how far to move the topic's current time */
    public void advanceTime(Duration advance) {
        if (advance.isNegative()) {
            throw new IllegalArgumentException("advance must not be negative, was " + advance);
        }
        currentTime = currentTime.plus(advance);
    }

    /** @param record the record; without a time it gets the topic's current time */
    public void pipeInput(TestRecord<K, V> record) {
        Instant time = record.getRecordTime();
        if (time == null) {
            time = currentTime;
            currentTime = currentTime.plus(advance);
        }
        byte[] k = keySerializer.serialize(topic, record.headers(), record.key());
        byte[] v = valueSerializer.serialize(topic, record.headers(), record.value());
        driver.pipe(topic, k, v, time.toEpochMilli(), record.headers());
    }

    /** @param value the value, with a null key */
    public void pipeInput(V value) {
        pipeInput(new TestRecord<>(value));
    }

    /**
     * @param key the key
     * @param value the value
     */
    public void pipeInput(K key, V value) {
        pipeInput(new TestRecord<>(key, value));
    }

    /**
     * @param key the key
     * @param value the value
     * @param timestampMs the timestamp
     */
    public void pipeInput(K key, V value, long timestampMs) {
        pipeInput(new TestRecord<>(key, value, Instant.ofEpochMilli(timestampMs)));
    }

    /**
     * @param key the key
     * @param value the value
     * @param timestamp the timestamp
     */
    public void pipeInput(K key, V value, Instant timestamp) {
        pipeInput(new TestRecord<>(key, value, timestamp));
    }

    /**
     * @param value the value
     * @param timestamp the timestamp
     */
    public void pipeInput(V value, Instant timestamp) {
        pipeInput(new TestRecord<>(null, value, timestamp));
    }

    /** @param records records, piped in order */
    public void pipeRecordList(List<? extends TestRecord<K, V>> records) {
        for (TestRecord<K, V> r : records) {
            pipeInput(r);
        }
    }

    /** @param keyValues key-value pairs, piped in order */
    public void pipeKeyValueList(List<KeyValue<K, V>> keyValues) {
        for (KeyValue<K, V> kv : keyValues) {
            pipeInput(kv.key, kv.value);
        }
    }

    /**
     * @param keyValues key-value pairs
     * @param startTime timestamp of the first
     * @param advance step between timestamps
     */
    public void pipeKeyValueList(List<KeyValue<K, V>> keyValues, Instant startTime, Duration advance) {
        Instant t = startTime;
        for (KeyValue<K, V> kv : keyValues) {
            pipeInput(kv.key, kv.value, t);
            t = t.plus(advance);
        }
    }

    /** @param values values, piped in order with null keys */
    public void pipeValueList(List<V> values) {
        for (V v : values) {
            pipeInput(v);
        }
    }

    /**
     * @param values values
     * @param startTime timestamp of the first
     * @param advance step between timestamps
     */
    public void pipeValueList(List<V> values, Instant startTime, Duration advance) {
        Instant t = startTime;
        for (V v : values) {
            pipeInput(v, t);
            t = t.plus(advance);
        }
    }

    @Override
    public String toString() {
        return "TestInputTopic[topic=" + topic + ", currentTime=" + currentTime + "]";
    }
}
