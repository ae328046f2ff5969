package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.KeyValueStore;
import io.eddy.state.StateStore;
import io.eddy.state.StateStoreContext;
import io.eddy.state.TimeWindow;
import io.eddy.state.WindowStore;
import io.eddy.state.WindowStoreIterator;
import io.eddy.state.Windowed;
import java.util.Objects;
import java.util.function.Function;

/**
 * The byte-level window store, persistent (RocksDB segments) or in memory (skip-list segments), with the key layout of
 * {@link WindowKeySchema} and the retention of {@link AbstractSegmentedBytesStore}: windows whose start is at or before
 * {@code streamTime - retentionPeriod} are dropped. With {@code retainDuplicates} every non-null put is kept under a
 * new sequence number (for stream-stream joins) and null puts are ignored, as in Kafka Streams.
 *
 * <p>Ordering: {@code fetch(key, ...)} returns windows by start; key-range queries by composite key bytes (key bytes
 * then start) across segments, except that the entries of a key that is a proper prefix of another key in the result
 * may interleave with that key's (see {@link KeyFirstBounds}); results are always filtered exactly.
 *
 * <p>Thread safety: one writer (the task); readers on other threads never block it. RocksDB iterators read a
 * point-in-time view of each segment; in-memory iterators are weakly consistent.
 */
public class SegmentedWindowStore extends AbstractSegmentedBytesStore implements WindowStore<Bytes, byte[]> {

    private final WindowKeySchema schema;
    private final long windowSize;
    private int sequence;

    /**
     * @param name the store name
     * @param metricsScope the metrics scope of its supplier
     * @param retentionPeriod how long windows are kept, in milliseconds
     * @param segmentInterval the segment interval in milliseconds
     * @param windowSize the window size in milliseconds (for the windows returned by key-range queries)
     * @param retainDuplicates whether every put is kept
     * @param persistent whether the segments keep files
     * @param segmentFactory creates a segment store from its name
     */
    public SegmentedWindowStore(String name, String metricsScope, long retentionPeriod, long segmentInterval,
            long windowSize, boolean retainDuplicates, boolean persistent,
            Function<String, KeyValueStore<Bytes, byte[]>> segmentFactory) {
        super(name, metricsScope, retentionPeriod, segmentInterval, persistent, segmentFactory);
        if (windowSize < 0) {
            throw new IllegalArgumentException("windowSize must not be negative, store=" + name + ", windowSize="
                    + windowSize);
        }
        this.schema = WindowKeySchema.of(retainDuplicates);
        this.windowSize = windowSize;
    }

    /** @return whether every put is kept */
    public boolean retainDuplicates() {
        return schema.retainDuplicates();
    }

    /** @return the window size in milliseconds */
    public long windowSize() {
        return windowSize;
    }

    @Override
    long segmentTimestamp(byte[] storeKey) {
        return schema.extractWindowStart(storeKey);
    }

    /**
     * Opens the store; a store retaining duplicates that reopens local state continues after the largest sequence
     * number it holds, so that new duplicates never overwrite old ones (one scan of the live windows, which a join
     * buffer keeps few of).
     */
    @Override
    public void init(StateStoreContext context, StateStore root) {
        super.init(context, root);
        if (schema.retainDuplicates() && observedStreamTime() >= 0) {
            try (KeyValueIterator<Bytes, byte[]> it = iterate(0, Long.MAX_VALUE, null, null, k -> true, false, true)) {
                while (it.hasNext()) {
                    restored(it.next().key.get());
                }
            }
        }
    }

    @Override
    void restored(byte[] storeKey) {
        if (schema.retainDuplicates()) {
            // continue after restored sequence numbers so new duplicates never overwrite restored ones
            sequence = Math.max(sequence, schema.extractSequence(storeKey));
        }
    }

    @Override
    public void put(Bytes key, byte[] value, long windowStartTimestamp) {
        putAndGetStoreKey(key, value, windowStartTimestamp);
    }

    /**
     * Like {@link #put} but tells the caller (the changelogging layer) the composite key written.
     *
     * @param key the key, not null
     * @param value the value, or null to delete
     * @param windowStartTimestamp the window start, not negative
     * @return the composite key written, or null when nothing was written (expired window, or null value in a store
     *     retaining duplicates)
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code windowStartTimestamp} is negative
     */
    public byte[] putAndGetStoreKey(Bytes key, byte[] value, long windowStartTimestamp) {
        Objects.requireNonNull(key, "key");
        if (windowStartTimestamp < 0) {
            throw new IllegalArgumentException("windowStartTimestamp must not be negative, store=" + name()
                    + ", key=" + key + ", windowStartTimestamp=" + windowStartTimestamp);
        }
        checkOpen();
        if (value == null && schema.retainDuplicates()) {
            return null;
        }
        int seq = schema.retainDuplicates() ? ++sequence : 0;
        byte[] storeKey = schema.toStoreKey(key.get(), windowStartTimestamp, seq);
        return putIfLive(storeKey, windowStartTimestamp, value) ? storeKey : null;
    }

    @Override
    public byte[] fetch(Bytes key, long time) {
        Objects.requireNonNull(key, "key");
        if (time < 0) {
            return null;
        }
        if (!schema.retainDuplicates()) {
            return get(schema.toStoreKey(key.get(), time, 0), time);
        }
        try (WindowStoreIterator<byte[]> it = fetch(key, time, time)) {
            return it.hasNext() ? it.next().value : null;
        }
    }

    @Override
    public WindowStoreIterator<byte[]> fetch(Bytes key, long timeFrom, long timeTo) {
        return fetchKey(key, timeFrom, timeTo, true);
    }

    @Override
    public WindowStoreIterator<byte[]> backwardFetch(Bytes key, long timeFrom, long timeTo) {
        return fetchKey(key, timeFrom, timeTo, false);
    }

    private WindowStoreIterator<byte[]> fetchKey(Bytes key, long timeFrom, long timeTo, boolean forward) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        long from = Math.max(timeFrom, minLiveTimestamp());
        if (from > timeTo) {
            return new StartTimeIterator(KeyValueIterators.empty());
        }
        byte[] k = key.get();
        return new StartTimeIterator(iterate(from, timeTo, schema.lowerBound(k, from), schema.upperBound(k, timeTo),
                storeKey -> {
                    if (storeKey.length != k.length + schema.suffixLength() || schema.compareKey(storeKey, k) != 0) {
                        return false;
                    }
                    long start = schema.extractWindowStart(storeKey);
                    return start >= from && start <= timeTo;
                }, false, forward));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
        return fetchRange(keyFrom, keyTo, timeFrom, timeTo, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo, long timeFrom,
            long timeTo) {
        return fetchRange(keyFrom, keyTo, timeFrom, timeTo, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(long timeFrom, long timeTo) {
        return fetchRange(null, null, timeFrom, timeTo, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetchAll(long timeFrom, long timeTo) {
        return fetchRange(null, null, timeFrom, timeTo, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> all() {
        return fetchRange(null, null, 0, Long.MAX_VALUE, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardAll() {
        return fetchRange(null, null, 0, Long.MAX_VALUE, false);
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> fetchRange(Bytes keyFrom, Bytes keyTo, long timeFrom,
            long timeTo, boolean forward) {
        checkOpen();
        long from = Math.max(timeFrom, minLiveTimestamp());
        if (from > timeTo || KeyValueIterators.isInvertedRange(name(), keyFrom, keyTo)) {
            return KeyValueIterators.empty();
        }
        byte[] lowKey = keyFrom == null ? null : keyFrom.get();
        byte[] highKey = keyTo == null ? null : keyTo.get();
        KeyValueIterator<Bytes, byte[]> raw = iterate(from, timeTo, KeyFirstBounds.rangeLowerBound(lowKey),
                KeyFirstBounds.rangeUpperBound(lowKey, highKey, schema.suffixLength()), storeKey -> {
                    if ((lowKey != null && schema.compareKey(storeKey, lowKey) < 0)
                            || (highKey != null && schema.compareKey(storeKey, highKey) > 0)) {
                        return false;
                    }
                    long start = schema.extractWindowStart(storeKey);
                    return start >= from && start <= timeTo;
                }, true, forward);
        return new MappedKeyIterator<>(raw, this::windowedKey);
    }

    private Windowed<Bytes> windowedKey(Bytes storeKey) {
        byte[] bytes = storeKey.get();
        long start = schema.extractWindowStart(bytes);
        // a window of size 0 (a join buffer) is reported as [start, start + 1): TimeWindow cannot be empty
        long end = start + Math.max(1, windowSize);
        return new Windowed<>(new Bytes(schema.extractKey(bytes)),
                new TimeWindow(start, end < start ? Long.MAX_VALUE : end));
    }

    private final class StartTimeIterator extends MappedKeyIterator<Long> implements WindowStoreIterator<byte[]> {
        StartTimeIterator(KeyValueIterator<Bytes, byte[]> raw) {
            super(raw, storeKey -> schema.extractWindowStart(storeKey.get()));
        }
    }
}
