package io.eddy.streams.kstream;

import io.eddy.streams.processor.StreamPartitioner;

/**
 * Settings of a foreign-key table-table join, as Kafka Streams' {@code TableJoined}: the name of its processors and
 * stores, and the partitioners of the two tables. Immutable; the {@code with...} methods return a copy.
 *
 * <p>As in Kafka Streams, the partitioners say how the two tables' source topics are partitioned when that is not
 * murmur2 of the serialized key: the join's subscription topic is partitioned with {@code otherPartitioner} (so a
 * subscription reaches the task holding its foreign key) and its response topic with {@code partitioner}.
 *
 * @param <K> the left table's key type
 * @param <KO> the right (foreign) table's key type
 */
public class TableJoined<K, KO> {
    protected final StreamPartitioner<K, Void> partitioner;
    protected final StreamPartitioner<KO, Void> otherPartitioner;
    protected final String name;

    private TableJoined(StreamPartitioner<K, Void> partitioner, StreamPartitioner<KO, Void> otherPartitioner,
                        String name) {
        this.partitioner = partitioner;
        this.otherPartitioner = otherPartitioner;
        this.name = name;
    }

    /** @param tableJoined settings to copy */
    protected TableJoined(TableJoined<K, KO> tableJoined) {
        this(tableJoined.partitioner, tableJoined.otherPartitioner, tableJoined.name);
    }

    /**
     * @param partitioner the left table's partitioner, or null
     * @param otherPartitioner the right table's partitioner, or null
     * @param <K> left key type
     * @param <KO> right key type
     * @return settings with these partitioners
     */
    public static <K, KO> TableJoined<K, KO> with(StreamPartitioner<K, Void> partitioner,
                                                  StreamPartitioner<KO, Void> otherPartitioner) {
        return new TableJoined<>(partitioner, otherPartitioner, null);
    }

    /**
     * @param name the base name of the join's processors and stores
     * @param <K> left key type
     * @param <KO> right key type
     * @return settings with this name
     */
    public static <K, KO> TableJoined<K, KO> as(String name) {
        return new TableJoined<>(null, null, name);
    }

    /** @param partitioner the left table's partitioner @return a copy with it */
    public TableJoined<K, KO> withPartitioner(StreamPartitioner<K, Void> partitioner) {
        return new TableJoined<>(partitioner, otherPartitioner, name);
    }

    /** @param otherPartitioner the right table's partitioner @return a copy with it */
    public TableJoined<K, KO> withOtherPartitioner(StreamPartitioner<KO, Void> otherPartitioner) {
        return new TableJoined<>(partitioner, otherPartitioner, name);
    }

    /** @param name the base name of the join's processors and stores @return a copy with it */
    public TableJoined<K, KO> withName(String name) {
        return new TableJoined<>(partitioner, otherPartitioner, name);
    }

    @Override
    public String toString() {
        return "TableJoined{name=" + name + "}";
    }
}
