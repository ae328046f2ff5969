package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.state.BatchingStateRestoreCallback;
import io.eddy.state.InvalidStateStoreException;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.KeyValueStore;
import io.eddy.state.StateStore;
import io.eddy.state.StateStoreContext;
import io.eddy.state.TaskStateManager;
import io.eddy.state.TransactionalStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time-segmented byte store under window and session stores (Kafka Streams' {@code AbstractSegmentedBytesStore}):
 * composite keys go to the {@link TimeSegments segment} of their segment timestamp; the observed stream time is the
 * largest segment timestamp written or restored, and an entry is live while its segment timestamp is greater than
 * {@code streamTime - retentionPeriod}. Writes to expired entries are ignored and reads never return them; storage is
 * reclaimed by dropping whole segments.
 *
 * <p>Exactly-once mode (persistent stores with {@value TaskStateManager#EXACTLY_ONCE_CONFIG}{@code =true}): every
 * segment is a {@link RocksDBStore} keeping its writes in an uncommitted batch, and a metadata store
 * ({@code <store>.meta}, a RocksDB store of its own) holds the store's committed changelog offset and stream time.
 * {@link #commit(long)} runs in this order:
 * <ol>
 *   <li>each segment with uncommitted writes commits them with the offset, in one atomic (synced) write per segment;
 *   <li>the metadata store commits the offset and the stream time, in one atomic (synced) write: this is the commit
 *       point, and {@link #committedOffset()} reads this offset only;
 *   <li>segments expired by the committed stream time are dropped (drops are deferred until then, since the stream
 *       time that expired them may still be rolled back).
 * </ol>
 * A crash before step 2 leaves the metadata at the previous commit {@code C} while some segments may already hold
 * writes of the new commit {@code N}: the store never claims an offset newer than its contents. Those writes are also
 * in the committed changelog between {@code C} and {@code N} (stores commit only after the log transaction), so the
 * restore of the tail after {@code C} rewrites them with the same values: every changelog record is a put or delete of
 * one composite key, so replaying it over state that already holds it is idempotent, and the store ends exactly at the
 * end of the changelog. Segments created by writes never committed stay empty and are harmless, because the stream
 * time comes from the metadata store rather than from the newest segment directory. A crash after step 2 and before
 * step 3 leaves expired segments on disk, dropped at the next commit.
 *
 * <p>Thread safety: one writer (the task); readers on other threads never block it (segments are concurrent maps or
 * RocksDB). Iterators still open when the store closes are reported and closed.
 */
abstract class AbstractSegmentedBytesStore implements StateStore, BatchingStateRestoreCallback, TransactionalStore {

    private static final Logger LOG = LoggerFactory.getLogger(AbstractSegmentedBytesStore.class);
    private static final Bytes STREAM_TIME_KEY = Bytes.wrap(StoreMetadata.STREAM_TIME_KEY);

    private final String name;
    private final String metricsScope;
    private final boolean persistent;
    private final Function<String, KeyValueStore<Bytes, byte[]>> segmentFactory;
    private final Set<SegmentedRangeIterator> openIterators = ConcurrentHashMap.newKeySet();
    /** The retention period in milliseconds. */
    protected final long retentionPeriod;
    /** The segment interval in milliseconds. */
    protected final long segmentInterval;
    private TimeSegments segments;
    /** Exactly-once mode only: the committed offset and stream time. */
    private RocksDBStore metadata;
    private long committedStreamTime = -1;
    private volatile long observedStreamTime = -1;
    /**
     * No entry has a segment timestamp above this (an upper bound: the newest segment's end at open, then every write
     * and restore): a point read above it — the first read of a new window, say — needs no segment lookup.
     */
    private volatile long maxTimestampBound = Long.MAX_VALUE;
    /** While a write batch is open (owner thread): the writes per segment, applied as one bulk write each at its end. */
    private java.util.IdentityHashMap<KeyValueStore<Bytes, byte[]>, List<KeyValue<Bytes, byte[]>>> batch;
    private volatile boolean open;

    AbstractSegmentedBytesStore(String name, String metricsScope, long retentionPeriod, long segmentInterval,
            boolean persistent, Function<String, KeyValueStore<Bytes, byte[]>> segmentFactory) {
        this.name = Objects.requireNonNull(name, "name");
        this.metricsScope = metricsScope;
        if (retentionPeriod < 0) {
            throw new IllegalArgumentException("retentionPeriod must not be negative, store=" + name
                    + ", retentionPeriod=" + retentionPeriod);
        }
        if (segmentInterval < 1) {
            throw new IllegalArgumentException("segmentInterval must be positive, store=" + name + ", segmentInterval="
                    + segmentInterval);
        }
        this.retentionPeriod = retentionPeriod;
        this.segmentInterval = segmentInterval;
        this.persistent = persistent;
        this.segmentFactory = Objects.requireNonNull(segmentFactory, "segmentFactory");
    }

    /**
     * @param storeKey a composite key of this store
     * @return its segment timestamp (window start, session end)
     */
    abstract long segmentTimestamp(byte[] storeKey);

    /** Called for each restored key, e.g. to continue a sequence number. */
    void restored(byte[] storeKey) {
    }

    @Override
    public String name() {
        return name;
    }

    /** @return the metrics scope given by the supplier */
    public String metricsScope() {
        return metricsScope;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        if (open) {
            throw new IllegalStateException("Store '" + name + "' is already open");
        }
        segments = new TimeSegments(name, retentionPeriod, segmentInterval, segmentFactory);
        try {
            // without a record of it, the newest segment's start is a safe lower bound of the stream time
            observedStreamTime = segments.open(context, persistent);
            maxTimestampBound = observedStreamTime < 0 ? -1 : observedStreamTime + segmentInterval - 1;
            if (persistent && TaskStateManager.exactlyOnce(context.appConfigs())) {
                metadata = segments.openMetadataStore();
                byte[] streamTime = metadata.get(STREAM_TIME_KEY);
                if (streamTime != null) {
                    observedStreamTime = StoreMetadata.decodeOffset(streamTime, name);
                }
                committedStreamTime = observedStreamTime;
                segments.dropExpired(observedStreamTime); // left by a crash after the last commit point, if any
            }
        } catch (RuntimeException e) {
            closeSegments();
            throw e;
        }
        open = true;
        context.register(root, this);
    }

    @Override
    public boolean transactional() {
        return metadata != null;
    }

    @Override
    public void commit(long changelogOffset) {
        checkOpen();
        if (metadata == null) {
            throw new IllegalStateException("Store '" + name + "' is not in exactly-once mode ("
                    + TaskStateManager.EXACTLY_ONCE_CONFIG + " is not true, or the store is not persistent)");
        }
        segments.commit(changelogOffset);
        long streamTime = observedStreamTime;
        if (streamTime != committedStreamTime) {
            metadata.put(STREAM_TIME_KEY, StoreMetadata.encodeOffset(streamTime));
        }
        metadata.commit(changelogOffset);
        committedStreamTime = streamTime;
        segments.applyDeferredDrops();
    }

    @Override
    public long committedOffset() {
        checkOpen();
        if (metadata == null) {
            throw new IllegalStateException("Store '" + name + "' is not in exactly-once mode");
        }
        return metadata.committedOffset();
    }

    @Override
    public boolean persistent() {
        return persistent;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** @return the largest segment timestamp seen, or -1 */
    public long observedStreamTime() {
        return observedStreamTime;
    }

    /** @return the smallest segment timestamp still live */
    long minLiveTimestamp() {
        long streamTime = observedStreamTime;
        return Math.max(0, streamTime - retentionPeriod + 1);
    }

    /** @return the start timestamps of the live segments, ascending (for tests and metrics) */
    public List<Long> segmentStarts() {
        checkOpen();
        return segments.segmentStarts();
    }

    /** @return the registries of every RocksDB segment's native objects (for leak checks) */
    public List<RocksObjectRegistry> nativeObjects() {
        return segments == null ? List.of() : segments.nativeObjects();
    }

    /** @return the number of iterators created and not yet closed */
    public int openIteratorCount() {
        return openIterators.size();
    }

    /**
     * Writes one composite key (null value deletes) unless its segment timestamp has expired.
     *
     * @return true when written
     */
    boolean putIfLive(byte[] storeKey, long segmentTimestamp, byte[] value) {
        checkOpen();
        long streamTime = Math.max(observedStreamTime, segmentTimestamp);
        observedStreamTime = streamTime;
        if (segmentTimestamp <= streamTime - retentionPeriod) {
            segments.dropExpired(streamTime);
            return false;
        }
        if (value != null && segmentTimestamp > maxTimestampBound) {
            maxTimestampBound = segmentTimestamp;
        }
        long id = segments.segmentId(segmentTimestamp);
        KeyValueStore<Bytes, byte[]> segment = value == null ? segments.get(id)
                : segments.getOrCreateIfLive(id, streamTime);
        if (segment != null) {
            if (batch != null) {
                batch.computeIfAbsent(segment, s -> new ArrayList<>()).add(KeyValue.pair(new Bytes(storeKey), value));
            } else {
                segment.put(new Bytes(storeKey), value);
            }
        }
        return true;
    }

    /**
     * Opens a write batch: until {@link #endBatch()}, writes are collected per segment instead of applied, then each
     * segment gets them in one bulk write (one call into RocksDB rather than one per entry). Reads in between do not
     * see them: the caller (the record cache writing its entries down) reads nothing until the batch ends.
     */
    void beginBatch() {
        checkOpen();
        batch = new java.util.IdentityHashMap<>();
    }

    /**
     * Runs {@code writes} inside one write batch of {@code store} ({@link #beginBatch()} to {@link #endBatch()}), or
     * simply runs them when there is no segmented store below.
     */
    static void inBatch(AbstractSegmentedBytesStore store, Runnable writes) {
        if (store == null) {
            writes.run();
            return;
        }
        store.beginBatch();
        try {
            writes.run();
        } finally {
            store.endBatch();
        }
    }

    /** Applies the writes collected since {@link #beginBatch()}; a segment dropped meanwhile (expired) gets none. */
    void endBatch() {
        var writes = batch;
        batch = null;
        if (writes == null) {
            return;
        }
        for (Map.Entry<KeyValueStore<Bytes, byte[]>, List<KeyValue<Bytes, byte[]>>> e : writes.entrySet()) {
            if (e.getKey().isOpen()) {
                e.getKey().putAll(e.getValue());
            }
        }
    }

    byte[] get(byte[] storeKey, long segmentTimestamp) {
        checkOpen();
        if (segmentTimestamp < minLiveTimestamp() || segmentTimestamp > maxTimestampBound) {
            return null;
        }
        KeyValueStore<Bytes, byte[]> segment = segments.get(segments.segmentId(segmentTimestamp));
        if (segment == null) {
            return null;
        }
        try {
            return segment.get(new Bytes(storeKey));
        } catch (InvalidStateStoreException e) {
            if (segment.isOpen() || !open) {
                throw e;
            }
            return null; // dropped concurrently
        }
    }

    /**
     * @param fromTimestamp the smallest segment timestamp wanted (already clamped to the live range)
     * @param toTimestamp the largest segment timestamp wanted
     * @param lower the inclusive raw lower bound, or null
     * @param upper the inclusive raw upper bound, or null
     * @param filter accepts the composite keys to return
     * @param merge whether to merge segments by key (key ranges) rather than read them one after the other
     * @param forward ascending or descending order
     * @return an iterator that must be closed
     */
    KeyValueIterator<Bytes, byte[]> iterate(long fromTimestamp, long toTimestamp, Bytes lower, Bytes upper,
            Predicate<byte[]> filter, boolean merge, boolean forward) {
        checkOpen();
        List<KeyValueStore<Bytes, byte[]>> searched = segments.segments(fromTimestamp, toTimestamp, forward);
        if (searched.isEmpty()) {
            return KeyValueIterators.empty();
        }
        SegmentedRangeIterator iterator =
                new SegmentedRangeIterator(this, searched, lower, upper, filter, merge, forward);
        openIterators.add(iterator);
        if (!open) { // closed while we created it
            iterator.close();
            checkOpen();
        }
        return iterator;
    }

    void iteratorClosed(SegmentedRangeIterator iterator) {
        openIterators.remove(iterator);
    }

    /**
     * Applies restored records: each goes to its segment, expired ones are skipped, and each segment receives one batch
     * (one RocksDB WriteBatch).
     */
    @Override
    public void restoreAll(Collection<KeyValue<byte[], byte[]>> records) {
        checkOpen();
        long streamTime = observedStreamTime;
        long bound = maxTimestampBound;
        for (KeyValue<byte[], byte[]> record : records) {
            long timestamp = segmentTimestamp(record.key);
            streamTime = Math.max(streamTime, timestamp);
            if (record.value != null) {
                bound = Math.max(bound, timestamp);
            }
        }
        maxTimestampBound = bound;
        observedStreamTime = streamTime;
        Map<Long, List<KeyValue<byte[], byte[]>>> bySegment = new LinkedHashMap<>();
        for (KeyValue<byte[], byte[]> record : records) {
            long timestamp = segmentTimestamp(record.key);
            if (timestamp > streamTime - retentionPeriod) {
                bySegment.computeIfAbsent(segments.segmentId(timestamp), id -> new ArrayList<>()).add(record);
                restored(record.key);
            }
        }
        for (Map.Entry<Long, List<KeyValue<byte[], byte[]>>> entry : bySegment.entrySet()) {
            segments.restore(entry.getKey(), streamTime, entry.getValue());
        }
        segments.dropExpired(streamTime);
    }

    @Override
    public void flush() {
        checkOpen();
        segments.flush();
    }

    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        try {
            if (!openIterators.isEmpty()) {
                LOG.warn("Store '{}' is closing with {} iterator(s) still open; closing them. Iterators must be closed "
                        + "by their user, best with try-with-resources", name, openIterators.size());
                for (SegmentedRangeIterator iterator : new ArrayList<>(openIterators)) {
                    iterator.close();
                }
            }
        } finally {
            closeSegments();
        }
    }

    private void closeSegments() {
        try {
            segments.close();
        } finally {
            if (metadata != null) {
                metadata.close();
                metadata = null;
            }
            committedStreamTime = -1;
        }
    }

    void checkOpen() {
        if (!open) {
            throw new InvalidStateStoreException("Store '" + name + "' is not open");
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{name=" + name + ", retentionPeriod=" + retentionPeriod
                + ", segmentInterval=" + segmentInterval + ", open=" + open + "}";
    }
}
