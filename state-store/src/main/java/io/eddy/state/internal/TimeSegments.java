package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.state.BatchingStateRestoreCallback;
import io.eddy.state.ChangelogPartition;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueStore;
import io.eddy.state.ProcessorStateException;
import io.eddy.state.StateRestoreCallback;
import io.eddy.state.StateStore;
import io.eddy.state.StateStoreContext;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The time segments of a window or session store: segment {@code id} holds the entries whose segment timestamp
 * (window start, session end) lies in {@code [id * interval, (id + 1) * interval)}. Each segment is a byte-level
 * key-value store of its own ({@link RocksDBStore} in its own sub-directory {@code <store>.<segmentStartMs>}, or
 * {@link InMemoryKeyValueStore}), so that expiry drops a whole segment (closing it and deleting its directory) instead
 * of deleting keys, as Kafka Streams' {@code KeyValueSegments} do.
 *
 * <p>A segment is live while {@code id >= segmentId(streamTime - retention)}; older ones are dropped as stream time
 * advances. A dropped RocksDB segment that an interactive-query iterator still reads is closed once that iterator
 * closes (or with the store).
 *
 * <p>Exactly-once mode ({@link #openMetadataStore()}): drops are deferred to {@link #applyDeferredDrops()}, which the
 * store calls after a commit, because stream time advanced by uncommitted writes may still be rolled back; until then
 * the expired segments stay on disk, hidden from reads by the store's live-time bounds.
 *
 * <p>Thread safety: created, dropped and closed on the task's thread only; the segment map is concurrent so readers on
 * other threads never block.
 */
final class TimeSegments implements AutoCloseable {

    private final String storeName;
    private final long retentionPeriod;
    private final long segmentInterval;
    private final Function<String, KeyValueStore<Bytes, byte[]>> factory;
    private final ConcurrentSkipListMap<Long, KeyValueStore<Bytes, byte[]>> segments = new ConcurrentSkipListMap<>();
    private final List<KeyValueStore<Bytes, byte[]>> retired = new ArrayList<>();
    private final List<RocksObjectRegistry> nativeObjects = new ArrayList<>();
    private StateStoreContext segmentContext;
    private File directory;
    private boolean deferDrops;
    private long deferredMinLive = Long.MIN_VALUE;

    /**
     * @param storeName the store's name
     * @param retentionPeriod the retention in milliseconds
     * @param segmentInterval the segment interval in milliseconds, positive
     * @param factory creates an unopened segment store from its name
     */
    TimeSegments(String storeName, long retentionPeriod, long segmentInterval,
            Function<String, KeyValueStore<Bytes, byte[]>> factory) {
        this.storeName = storeName;
        this.retentionPeriod = retentionPeriod;
        this.segmentInterval = segmentInterval;
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /**
     * Opens the segments already on disk (persistent stores).
     *
     * @param context the store's context
     * @param persistent whether segments keep files in the store directory
     * @return the start timestamp of the newest segment found, or -1 when none
     */
    long open(StateStoreContext context, boolean persistent) {
        directory = context.storeDirectory(storeName);
        File storeDirectory = directory;
        segmentContext = new DelegatingStateStoreContext(context) {
            @Override
            public File storeDirectory(String segmentName) {
                return new File(storeDirectory, segmentName);
            }

            @Override
            public void register(StateStore store, StateRestoreCallback restoreCallback) {
                // the segmented store registers itself; its segments are not stores of the task
            }

            @Override
            public void register(StateStore store, StateRestoreCallback restoreCallback,
                    ChangelogPartition changelog) {
            }
        };
        long newest = -1;
        if (persistent) {
            for (long id : existingSegmentIds()) {
                segments.put(id, openSegment(id));
                newest = Math.max(newest, id * segmentInterval);
            }
        }
        return newest;
    }

    private List<Long> existingSegmentIds() {
        List<Long> ids = new ArrayList<>();
        File[] children = directory.listFiles(File::isDirectory);
        if (children == null) {
            return ids;
        }
        String prefix = storeName + ".";
        for (File child : children) {
            String name = child.getName();
            if (!name.startsWith(prefix)) {
                continue;
            }
            try {
                long start = Long.parseLong(name.substring(prefix.length()));
                if (start >= 0 && start % segmentInterval == 0) {
                    ids.add(start / segmentInterval);
                }
            } catch (NumberFormatException e) {
                // not a segment directory
            }
        }
        ids.sort(Comparator.naturalOrder());
        return ids;
    }

    /** @return the segment id of a (non-negative) timestamp */
    long segmentId(long timestamp) {
        return Math.floorDiv(timestamp, segmentInterval);
    }

    private long minLiveSegment(long streamTime) {
        return segmentId(Math.max(0, streamTime - retentionPeriod));
    }

    private String segmentName(long id) {
        return storeName + "." + id * segmentInterval;
    }

    private KeyValueStore<Bytes, byte[]> openSegment(long id) {
        KeyValueStore<Bytes, byte[]> segment = factory.apply(segmentName(id));
        segment.init(segmentContext, segment);
        if (segment instanceof RocksDBStore rocks) {
            nativeObjects.add(rocks.nativeObjects());
        }
        return segment;
    }

    /**
     * @param id a segment id
     * @return the segment, or null when it does not exist
     */
    KeyValueStore<Bytes, byte[]> get(long id) {
        return segments.get(id);
    }

    /**
     * Returns the segment, creating it when it is live, and drops the segments stream time has left behind.
     *
     * @param id the segment id
     * @param streamTime the store's observed stream time
     * @return the segment, or null when it has expired
     */
    KeyValueStore<Bytes, byte[]> getOrCreateIfLive(long id, long streamTime) {
        long minLive = minLiveSegment(streamTime);
        if (id < minLive) {
            return null;
        }
        KeyValueStore<Bytes, byte[]> segment = segments.get(id);
        if (segment == null) {
            segment = openSegment(id);
            segments.put(id, segment);
        }
        dropEarlierThan(minLive);
        return segment;
    }

    /**
     * @param streamTime the store's observed stream time
     */
    void dropExpired(long streamTime) {
        dropEarlierThan(minLiveSegment(streamTime));
    }

    /**
     * Opens the exactly-once metadata store of a persistent segmented store, in {@code <store>.meta} beside the
     * segments, and from then on defers segment drops to {@link #applyDeferredDrops()}.
     *
     * @return the opened metadata store (its owner closes it)
     */
    RocksDBStore openMetadataStore() {
        RocksDBStore metadata = new RocksDBStore(storeName + ".meta", "rocksdb-metadata");
        metadata.init(segmentContext, metadata);
        nativeObjects.add(metadata.nativeObjects());
        deferDrops = true;
        return metadata;
    }

    /**
     * Commits every RocksDB segment holding uncommitted writes, each with {@code changelogOffset} in its own atomic
     * write.
     *
     * @param changelogOffset the offset the store commits
     */
    void commit(long changelogOffset) {
        for (KeyValueStore<Bytes, byte[]> segment : segments.values()) {
            if (segment instanceof RocksDBStore rocks && rocks.hasUncommittedWrites()) {
                rocks.commit(changelogOffset);
            }
        }
    }

    /** Drops the segments found expired since the last call (exactly-once mode, after a commit). */
    void applyDeferredDrops() {
        if (deferredMinLive != Long.MIN_VALUE) {
            long minLive = deferredMinLive;
            deferredMinLive = Long.MIN_VALUE;
            dropNow(minLive);
        }
    }

    private void dropEarlierThan(long minLive) {
        if (deferDrops) {
            deferredMinLive = Math.max(deferredMinLive, minLive);
            return;
        }
        dropNow(minLive);
    }

    private void dropNow(long minLive) {
        reapRetired();
        if (segments.isEmpty() || segments.firstKey() >= minLive) {
            return;
        }
        Iterator<Map.Entry<Long, KeyValueStore<Bytes, byte[]>>> expired =
                segments.headMap(minLive, false).entrySet().iterator();
        while (expired.hasNext()) {
            KeyValueStore<Bytes, byte[]> segment = expired.next().getValue();
            expired.remove();
            if (segment instanceof RocksDBStore rocks && rocks.openIteratorCount() > 0) {
                retired.add(segment);
            } else {
                closeAndDelete(segment);
            }
        }
    }

    private void reapRetired() {
        if (retired.isEmpty()) {
            return;
        }
        retired.removeIf(segment -> {
            if (segment instanceof RocksDBStore rocks && rocks.openIteratorCount() > 0) {
                return false;
            }
            closeAndDelete(segment);
            return true;
        });
    }

    private void closeAndDelete(KeyValueStore<Bytes, byte[]> segment) {
        segment.close();
        if (segment.persistent()) {
            deleteRecursively(segmentContext.storeDirectory(segment.name()).toPath());
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ProcessorStateException("Cannot delete expired segment directory " + root, e);
        }
    }

    /**
     * @param fromTimestamp the smallest segment timestamp wanted
     * @param toTimestamp the largest segment timestamp wanted
     * @param forward ascending (true) or descending segment order
     * @return a snapshot of the live segments overlapping the bounds
     */
    List<KeyValueStore<Bytes, byte[]>> segments(long fromTimestamp, long toTimestamp, boolean forward) {
        if (fromTimestamp > toTimestamp) {
            return List.of();
        }
        NavigableMap<Long, KeyValueStore<Bytes, byte[]>> range =
                segments.subMap(segmentId(fromTimestamp), true, segmentId(toTimestamp), true);
        return new ArrayList<>(forward ? range.values() : range.descendingMap().values());
    }

    /**
     * Applies restored records to one segment in one batch.
     *
     * @param id the segment id
     * @param streamTime the observed stream time after the batch
     * @param records the records of that segment
     */
    void restore(long id, long streamTime, List<KeyValue<byte[], byte[]>> records) {
        KeyValueStore<Bytes, byte[]> segment = getOrCreateIfLive(id, streamTime);
        if (segment == null) {
            return;
        }
        if (segment instanceof BatchingStateRestoreCallback batching) {
            batching.restoreAll(records);
        } else {
            List<KeyValue<Bytes, byte[]>> entries = new ArrayList<>(records.size());
            for (KeyValue<byte[], byte[]> record : records) {
                entries.add(KeyValue.pair(new Bytes(record.key), record.value));
            }
            segment.putAll(entries);
        }
    }

    /** @return the number of live segments */
    int size() {
        return segments.size();
    }

    /** @return the start timestamps of the live segments, ascending */
    List<Long> segmentStarts() {
        List<Long> starts = new ArrayList<>();
        for (long id : segments.keySet()) {
            if (id < deferredMinLive) {
                continue; // expired, dropped at the next commit
            }
            starts.add(id * segmentInterval);
        }
        return starts;
    }

    /** @return the native-object registries of every RocksDB segment opened so far (for leak checks) */
    List<RocksObjectRegistry> nativeObjects() {
        return List.copyOf(nativeObjects);
    }

    void flush() {
        reapRetired();
        for (KeyValueStore<Bytes, byte[]> segment : segments.values()) {
            segment.flush();
        }
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        List<KeyValueStore<Bytes, byte[]>> all = new ArrayList<>(segments.values());
        all.addAll(retired);
        segments.clear();
        for (KeyValueStore<Bytes, byte[]> segment : all) {
            try {
                if (retired.contains(segment)) {
                    closeAndDelete(segment);
                } else {
                    segment.close();
                }
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        retired.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
