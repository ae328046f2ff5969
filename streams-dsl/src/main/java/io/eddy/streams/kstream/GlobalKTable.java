package io.eddy.streams.kstream;

/**
 * A table replicated in full to every task (loaded from all partitions of its topic before processing starts), as
 * Kafka Streams' {@code GlobalKTable}. Used in stream-table joins, which look up any key without repartitioning.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface GlobalKTable<K, V> {
    /** @return the name of its store */
    String queryableStoreName();
}
