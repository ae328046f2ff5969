package io.eddy.streams.test;

import io.eddy.log.LogRecord;
import io.eddy.serialization.Deserializer;
import io.eddy.state.KeyValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads what the topology wrote to a topic of a {@link TopologyTestDriver}, in the order it was written; each read
 * consumes. Not thread-safe.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class TestOutputTopic<K, V> {
    private final TopologyTestDriver driver;
    private final String topic;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;

    TestOutputTopic(TopologyTestDriver driver, String topic, Deserializer<K> keyDeserializer,
                    Deserializer<V> valueDeserializer) {
        this.driver = driver;
        this.topic = topic;
        this.keyDeserializer = keyDeserializer;
        this.valueDeserializer = valueDeserializer;
    }

    /**
     * @return the next record
     * @throws NoSuchElementException if the topic holds no unread record
     */
    public TestRecord<K, V> readRecord() {
        LogRecord r = driver.readOutput(topic);
        if (r == null) {
            throw new NoSuchElementException("topic " + topic + " has no unread record");
        }
        K k = keyDeserializer.deserialize(topic, r.headers(), r.key());
        V v = valueDeserializer.deserialize(topic, r.headers(), r.value());
        return new TestRecord<>(k, v, r.headers().copy(), Instant.ofEpochMilli(r.timestamp()));
    }

    /** @return the next value */
    public V readValue() {
        return readRecord().value();
    }

    /** @return the next key and value */
    public KeyValue<K, V> readKeyValue() {
        TestRecord<K, V> r = readRecord();
        return KeyValue.pair(r.key(), r.value());
    }

    /** @return every unread record */
    public List<TestRecord<K, V>> readRecordsToList() {
        List<TestRecord<K, V>> out = new ArrayList<>();
        while (!isEmpty()) {
            out.add(readRecord());
        }
        return out;
    }

    /** @return every unread value */
    public List<V> readValuesToList() {
        List<V> out = new ArrayList<>();
        while (!isEmpty()) {
            out.add(readValue());
        }
        return out;
    }

    /** @return every unread key-value pair */
    public List<KeyValue<K, V>> readKeyValuesToList() {
        List<KeyValue<K, V>> out = new ArrayList<>();
        while (!isEmpty()) {
            out.add(readKeyValue());
        }
        return out;
    }

    /** @return the last value of every key among the unread records (a null value removes the key) */
    public Map<K, V> readKeyValuesToMap() {
        Map<K, V> out = new HashMap<>();
        while (!isEmpty()) {
            TestRecord<K, V> r = readRecord();
            if (r.key() == null) {
                throw new IllegalStateException("topic " + topic + " holds a record with a null key; it cannot be"
                        + " read into a map");
            }
            if (r.value() == null) {
                out.remove(r.key());
            } else {
                out.put(r.key(), r.value());
            }
        }
        return out;
    }

    /** @return how many records are unread */
    public long getQueueSize() {
        return driver.unreadCount(topic);
    }

    /** @return true when every record was read */
    public boolean isEmpty() {
        return getQueueSize() == 0;
    }

    @Override
    public String toString() {
        return "TestOutputTopic[topic=" + topic + ", size=" + getQueueSize() + "]";
    }
}
