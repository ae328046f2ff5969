package io.eddy.eventsourcing;

/**
 * Where an event lies in the event topic: its partition and offset there. With the default single partition the
 * offset alone is the global position, and all events form one total order; with several partitions, events are
 * ordered within each partition only (a stream always lives in one partition, chosen from its id).
 *
 * <p>Offsets are not contiguous: each append's commit marker takes an offset too.
 *
 * @param partition the partition of the event topic
 * @param offset the offset in that partition
 */
public record Position(int partition, long offset) implements Comparable<Position> {
    /** The start of partition 0: reads and subscriptions from here see every event of a one-partition store. */
    public static final Position START = new Position(0, 0);

    /** @throws IllegalArgumentException if either value is negative */
    public Position {
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("position must not be negative, partition=" + partition
                    + ", offset=" + offset);
        }
    }

    /**
     * @param offset an offset of partition 0
     * @return the position
     */
    public static Position of(long offset) {
        return new Position(0, offset);
    }

    /** @return the position right after this one (where a reader resumes) */
    public Position next() {
        return new Position(partition, offset + 1);
    }

    @Override
    public int compareTo(Position o) {
        int c = Integer.compare(partition, o.partition);
        return c != 0 ? c : Long.compare(offset, o.offset);
    }

    @Override
    public String toString() {
        return partition + ":" + offset;
    }
}
