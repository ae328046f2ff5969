package io.eddy.log.internal;

import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import io.eddy.log.UnknownPartitionException;
import io.eddy.log.UnknownTopicException;
import java.nio.file.Path;

/** A topic's partitions and configuration. */
final class TopicLog implements AutoCloseable {
    private final String name;
    private final Path dir;
    private final TopicConfig config;
    private final PartitionLog[] partitions;
    private volatile boolean deleted;

    TopicLog(String name, Path dir, TopicConfig config, PartitionLog[] partitions) {
        this.name = name;
        this.dir = dir;
        this.config = config;
        this.partitions = partitions;
    }

    String name() {
        return name;
    }

    Path dir() {
        return dir;
    }

    TopicConfig config() {
        return config;
    }

    int partitionCount() {
        return partitions.length;
    }

    PartitionLog[] partitions() {
        return partitions;
    }

    PartitionLog partition(int p) {
        if (deleted) {
            throw new UnknownTopicException("topic '" + name + "' was deleted");
        }
        if (p < 0 || p >= partitions.length) {
            throw new UnknownPartitionException("partition " + p + " does not exist in topic '" + name + "', which has "
                    + partitions.length + " partition(s)");
        }
        return partitions[p];
    }

    PartitionLog partition(TopicPartition tp) {
        return partition(tp.partition());
    }

    void markDeleted() {
        deleted = true;
    }

    @Override
    public void close() {
        for (PartitionLog p : partitions) {
            p.close();
        }
    }
}
