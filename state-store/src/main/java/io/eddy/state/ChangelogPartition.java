package io.eddy.state;

import java.util.Objects;

/**
 * One partition of a changelog topic. Immutable value object.
 *
 * @param topic the changelog topic, not null
 * @param partition the partition, not negative
 */
public record ChangelogPartition(String topic, int partition) {

    /**
     * @param topic the changelog topic
     * @param partition the partition
     * @throws NullPointerException if {@code topic} is null
     * @throws IllegalArgumentException if {@code partition} is negative
     */
    public ChangelogPartition {
        Objects.requireNonNull(topic, "topic");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must not be negative, topic=" + topic + ", partition="
                    + partition);
        }
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
