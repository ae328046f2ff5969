package io.eddy.streams.kstream.internal;

import io.eddy.streams.kstream.TableJoined;
import io.eddy.streams.processor.StreamPartitioner;

/** Read access to a {@link TableJoined}, for the DSL. */
public final class TableJoinedInternal<K, KO> extends TableJoined<K, KO> {
    private TableJoinedInternal(TableJoined<K, KO> tableJoined) {
        super(tableJoined);
    }

    /** @return the user's name, or null when {@code tableJoined} is null or unnamed */
    public static String nameOf(TableJoined<?, ?> tableJoined) {
        return tableJoined == null ? null : new TableJoinedInternal<>(tableJoined).name;
    }

    /**
     * @return the left table's partitioner (for the join's response topic), or null when {@code tableJoined} is
     *     null or has none
     */
    public static <K, KO> StreamPartitioner<K, Void> partitionerOf(TableJoined<K, KO> tableJoined) {
        return tableJoined == null ? null : new TableJoinedInternal<>(tableJoined).partitioner;
    }

    /**
     * @return the right table's partitioner (for the join's subscription topic), or null when {@code tableJoined}
     *     is null or has none
     */
    public static <K, KO> StreamPartitioner<KO, Void> otherPartitionerOf(TableJoined<K, KO> tableJoined) {
        return tableJoined == null ? null : new TableJoinedInternal<>(tableJoined).otherPartitioner;
    }
}
