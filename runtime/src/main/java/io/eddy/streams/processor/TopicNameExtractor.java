package io.eddy.streams.processor;

/**
 * Chooses the output topic of each record at a sink. Must return an existing topic (or one the app created).
 *
 * @param <K> key type
 * @param <V> value type
 */
@FunctionalInterface
public interface TopicNameExtractor<K, V> {
    /**
     * @param key the record key
     * @param value the record value
     * @param recordContext the record's topic/partition/offset/timestamp/headers
     * @return the topic name
     */
    String extract(K key, V value, RecordContext recordContext);
}
