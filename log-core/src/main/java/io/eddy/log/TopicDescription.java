package io.eddy.log;

import java.util.List;

/**
 * A snapshot of a topic: its configuration and each partition's offsets and size.
 *
 * @param name the topic name
 * @param config its configuration
 * @param partitions one entry per partition, in partition order
 * @param internal whether Eddy created it for its own use (consumer offsets)
 */
public record TopicDescription(String name, TopicConfig config, List<PartitionInfo> partitions, boolean internal) {

    /** @return the number of partitions */
    public int partitionCount() {
        return partitions.size();
    }

    /**
     * One partition's state at the time of the snapshot.
     *
     * @param partition the partition number
     * @param startOffset the first readable offset
     * @param endOffset the offset the next record will get
     * @param segmentCount the number of segment files
     * @param sizeInBytes bytes of stored batches
     */
    public record PartitionInfo(int partition, long startOffset, long endOffset, int segmentCount, long sizeInBytes) {
    }
}
