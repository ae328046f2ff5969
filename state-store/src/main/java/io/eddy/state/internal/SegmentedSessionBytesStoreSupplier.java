package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.state.SessionBytesStoreSupplier;
import io.eddy.state.SessionStore;
import java.time.Duration;

/**
 * Supplies {@link SegmentedSessionStore}s on RocksDB or in-memory segments. Thread-safe and immutable.
 *
 * @param name the store name
 * @param retentionPeriod how long sessions are kept after their end, in milliseconds
 * @param segmentIntervalMs the segment interval in milliseconds
 * @param persistent RocksDB (true) or in-memory segments
 */
public record SegmentedSessionBytesStoreSupplier(String name, long retentionPeriod, long segmentIntervalMs,
        boolean persistent) implements SessionBytesStoreSupplier {

    /** @throws IllegalArgumentException if the name is illegal, the retention negative or the interval not positive */
    public SegmentedSessionBytesStoreSupplier {
        StoreNames.validate(name);
        if (retentionPeriod < 0) {
            throw new IllegalArgumentException("retentionPeriod must not be negative, store=" + name
                    + ", retentionPeriod=" + retentionPeriod + "ms");
        }
        if (segmentIntervalMs < 1) {
            throw new IllegalArgumentException("segmentInterval must be positive, store=" + name
                    + ", segmentInterval=" + segmentIntervalMs + "ms");
        }
    }

    /**
     * The factory behind {@code Stores}' session suppliers, with Kafka Streams' default segment interval.
     *
     * @param name the store name
     * @param retentionPeriod how long sessions are kept after their end
     * @param persistent RocksDB (true) or in memory
     * @return the supplier
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException as the constructor, or if the duration is not expressible in milliseconds
     */
    public static SegmentedSessionBytesStoreSupplier create(String name, Duration retentionPeriod,
            boolean persistent) {
        StoreNames.validate(name);
        long retention = DurationMillis.of(retentionPeriod, "retentionPeriod", name);
        return new SegmentedSessionBytesStoreSupplier(name, retention,
                SegmentedWindowBytesStoreSupplier.defaultSegmentInterval(retention), persistent);
    }

    @Override
    public SessionStore<Bytes, byte[]> get() {
        return new SegmentedSessionStore(name, metricsScope(), retentionPeriod, segmentIntervalMs, persistent,
                SegmentedWindowBytesStoreSupplier.segmentFactory(persistent, metricsScope()));
    }

    @Override
    public String metricsScope() {
        return persistent ? "rocksdb-session-state" : "in-memory-session-state";
    }
}
