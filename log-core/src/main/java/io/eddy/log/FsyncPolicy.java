package io.eddy.log;

import java.time.Duration;
import java.util.Objects;

/**
 * When a partition's appended bytes are forced to stable storage. Whatever the policy, an appended record survives a
 * crash of the process (it is in the OS page cache once {@code append} returns); the policy bounds what an OS crash or
 * power loss can lose. Committing consumer offsets, {@link LogStore#flush()}, rolling a segment and a clean close
 * always fsync. Immutable.
 */
public final class FsyncPolicy {
    private static final FsyncPolicy OS = new FsyncPolicy(Long.MAX_VALUE, Long.MAX_VALUE);
    private static final FsyncPolicy EVERY_APPEND = new FsyncPolicy(1, Long.MAX_VALUE);

    private final long everyRecords;
    private final long everyMillis;

    private FsyncPolicy(long everyRecords, long everyMillis) {
        this.everyRecords = everyRecords;
        this.everyMillis = everyMillis;
    }

    /** @return fsync only at commits, flushes, rolls and close; the OS writes back the rest when it chooses */
    public static FsyncPolicy os() {
        return OS;
    }

    /** @return fsync after every append (a batch): nothing acknowledged is ever lost, at the cost of throughput */
    public static FsyncPolicy everyAppend() {
        return EVERY_APPEND;
    }

    /**
     * @param records how many records may be appended between fsyncs, at least 1
     * @return a policy that fsyncs once that many records were appended since the last fsync
     * @throws InvalidConfigException if {@code records < 1}
     */
    public static FsyncPolicy everyRecords(long records) {
        if (records < 1) {
            throw new InvalidConfigException("flush.messages must be at least 1, was " + records);
        }
        return new FsyncPolicy(records, Long.MAX_VALUE);
    }

    /**
     * @param interval the longest time appended bytes stay unsynced, at least 1 ms
     * @return a policy that fsyncs data older than {@code interval}, from a background thread when appends stop
     * @throws InvalidConfigException if the interval is below 1 ms
     */
    public static FsyncPolicy every(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.toMillis() < 1) {
            throw new InvalidConfigException("flush.ms must be at least 1, was " + interval.toMillis());
        }
        return new FsyncPolicy(Long.MAX_VALUE, interval.toMillis());
    }

    /** @return records between fsyncs, or {@link Long#MAX_VALUE} when not bounded by count */
    public long everyRecords() {
        return everyRecords;
    }

    /** @return milliseconds between fsyncs, or {@link Long#MAX_VALUE} when not bounded by time */
    public long everyMillis() {
        return everyMillis;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FsyncPolicy p && p.everyRecords == everyRecords && p.everyMillis == everyMillis;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(everyRecords) * 31 + Long.hashCode(everyMillis);
    }

    @Override
    public String toString() {
        if (this.equals(OS)) {
            return "FsyncPolicy.os";
        }
        return everyRecords != Long.MAX_VALUE ? "FsyncPolicy.everyRecords(" + everyRecords + ")"
                : "FsyncPolicy.every(" + everyMillis + "ms)";
    }
}
