package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.state.KeyValueStore;
import io.eddy.state.WindowBytesStoreSupplier;
import io.eddy.state.WindowStore;
import java.time.Duration;
import java.util.function.Function;

/**
 * Supplies {@link SegmentedWindowStore}s on RocksDB or in-memory segments. Thread-safe and immutable.
 *
 * @param name the store name
 * @param retentionPeriod how long windows are kept, in milliseconds
 * @param segmentIntervalMs the segment interval in milliseconds
 * @param windowSize the window size in milliseconds
 * @param retainDuplicates whether every put is kept
 * @param persistent RocksDB (true) or in-memory segments
 * @param timestamped whether it was obtained for a timestamped store (Kafka Streams parity; same engine)
 */
public record SegmentedWindowBytesStoreSupplier(String name, long retentionPeriod, long segmentIntervalMs,
        long windowSize, boolean retainDuplicates, boolean persistent, boolean timestamped)
        implements WindowBytesStoreSupplier {

    /** Kafka Streams' default: segments of half the retention, but at least one minute. */
    static final long MIN_SEGMENT_INTERVAL_MS = 60_000L;

    /**
     * @throws IllegalArgumentException if the name is illegal, a value is negative, the segment interval is not
     *     positive, or the window size exceeds the retention
     */
    public SegmentedWindowBytesStoreSupplier {
        StoreNames.validate(name);
        if (retentionPeriod < 0) {
            throw new IllegalArgumentException("retentionPeriod must not be negative, store=" + name
                    + ", retentionPeriod=" + retentionPeriod + "ms");
        }
        if (windowSize < 0) {
            throw new IllegalArgumentException("windowSize must not be negative, store=" + name + ", windowSize="
                    + windowSize + "ms");
        }
        if (segmentIntervalMs < 1) {
            throw new IllegalArgumentException("segmentInterval must be positive, store=" + name
                    + ", segmentInterval=" + segmentIntervalMs + "ms");
        }
        if (windowSize > retentionPeriod) {
            throw new IllegalArgumentException("The retention period of window store '" + name
                    + "' must be no smaller than its window size, windowSize=" + windowSize + "ms, retentionPeriod="
                    + retentionPeriod + "ms");
        }
    }

    /**
     * The factory behind {@code Stores}' window suppliers, with Kafka Streams' validation and default segment
     * interval.
     *
     * @param name the store name
     * @param retentionPeriod how long windows are kept
     * @param windowSize the window size
     * @param retainDuplicates whether every put is kept
     * @param persistent RocksDB (true) or in memory
     * @param timestamped whether for a timestamped store
     * @return the supplier
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException as the constructor, or if a duration is not expressible in milliseconds
     */
    public static SegmentedWindowBytesStoreSupplier create(String name, Duration retentionPeriod,
            Duration windowSize, boolean retainDuplicates, boolean persistent, boolean timestamped) {
        StoreNames.validate(name);
        long retention = DurationMillis.of(retentionPeriod, "retentionPeriod", name);
        long size = DurationMillis.of(windowSize, "windowSize", name);
        return new SegmentedWindowBytesStoreSupplier(name, retention, defaultSegmentInterval(retention), size,
                retainDuplicates, persistent, timestamped);
    }

    static long defaultSegmentInterval(long retentionPeriod) {
        return Math.max(retentionPeriod / 2, MIN_SEGMENT_INTERVAL_MS);
    }

    @Override
    public WindowStore<Bytes, byte[]> get() {
        return new SegmentedWindowStore(name, metricsScope(), retentionPeriod, segmentIntervalMs, windowSize,
                retainDuplicates, persistent, segmentFactory(persistent, metricsScope()));
    }

    static Function<String, KeyValueStore<Bytes, byte[]>> segmentFactory(boolean persistent, String scope) {
        return persistent ? segmentName -> new RocksDBStore(segmentName, scope) : InMemoryKeyValueStore::new;
    }

    @Override
    public String metricsScope() {
        return persistent ? "rocksdb-window-state" : "in-memory-window-state";
    }
}
