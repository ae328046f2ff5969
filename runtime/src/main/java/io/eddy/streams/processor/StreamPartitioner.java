package io.eddy.streams.processor;

import java.util.Optional;
import java.util.Set;

/**
 * Chooses the partition(s) of each record written by a sink. Without one, keyed records go to the partition Kafka's
 * default partitioner chooses for the serialized key.
 *
 * @param <K> key type
 * @param <V> value type
 */
@FunctionalInterface
public interface StreamPartitioner<K, V> {
    /**
     * @param topic the output topic
     * @param key the key
     * @param value the value
     * @param numPartitions the topic's partition count
     * @return the partitions to write to, or empty to use the default partitioning
     */
    Optional<Set<Integer>> partitions(String topic, K key, V value, int numPartitions);
}
